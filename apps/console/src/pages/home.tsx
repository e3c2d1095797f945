import { Link } from 'react-router';
import { NAVIGATION, Page, ROLE_NAMES } from '../layout';
import { useSession } from '../session';

// issue 16 item 7: what the signed-in role can do here, and nothing it cannot
export function Home() {
  const { me } = useSession();
  const places = me ? (NAVIGATION[me.user.role] ?? []) : [];
  return (
    <Page title="Home">
      <span className="govuk-caption-l">
        {me?.user.name}, {ROLE_NAMES[me?.user.role ?? ''] ?? me?.user.role}, {me?.user.agency.name}
      </span>
      <h1 className="govuk-heading-l">What you can do</h1>
      {places.length === 0 ? (
        <p className="govuk-body">Your account has no work in this service. Ask your administrator.</p>
      ) : (
        <ul className="govuk-list" data-testid="home-places">
          {places.map((place) => (
            <li key={place.to} className="govuk-!-margin-bottom-4">
              <Link to={place.to} className="govuk-link govuk-!-font-weight-bold govuk-!-font-size-24">
                {place.label}
              </Link>
              <p className="govuk-body govuk-!-margin-bottom-0">{place.about}</p>
            </li>
          ))}
        </ul>
      )}
      <p className="govuk-body-s">
        Your session ends {me ? new Date(me.session.expiresAt).toLocaleString('en-GB') : ''}.
      </p>
    </Page>
  );
}
