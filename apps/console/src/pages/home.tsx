import { Link } from 'react-router';
import { Page } from '../layout';
import { useSession } from '../session';

// where a signed-in person lands; the desks of issue 15 (queues, dashboard) hang off this
export function Home() {
  const { me } = useSession();
  return (
    <Page title="Home">
      <h1 className="govuk-heading-l">Front door</h1>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Name</dt>
          <dd className="govuk-summary-list__value">{me?.user.name}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Agency</dt>
          <dd className="govuk-summary-list__value">{me?.user.agency.name}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Session ends</dt>
          <dd className="govuk-summary-list__value">
            {me ? new Date(me.session.expiresAt).toLocaleString('en-GB') : ''}
          </dd>
        </div>
      </dl>
      {(me?.user.role === 'SCREENER' || me?.user.role === 'MANAGER') && (
        <p className="govuk-body">
          <Link to="/screening" className="govuk-link">
            Screening queue
          </Link>
        </p>
      )}
    </Page>
  );
}
