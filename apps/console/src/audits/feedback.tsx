import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { client, unwrap } from '../api-client';
import { Page } from '../layout';
import { SummaryList, when } from '../ui';
import { answerRows, ConcernWarning, ContactLink, outcomeWords, weekWords } from './words';

// issue 21 item 3: my feedback: the answered audits of my own threshold decisions, newest first
export function MyFeedback() {
  const feedback = useQuery({
    queryKey: ['quality-audit-feedback'],
    queryFn: () => unwrap(client.GET('/api/quality-audits/feedback')),
    // each visit shows what managers have answered since
    refetchOnMount: 'always',
  });
  const items = feedback.data?.items;
  return (
    <Page title="My feedback">
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">My feedback</h1>
          <p className="govuk-body">
            Each week a sample of threshold decisions is audited by a manager. These are the audits of your
            decisions, newest first.
          </p>
          {feedback.error && (
            <p className="govuk-error-message" role="alert">
              Your feedback could not be read. Try again.
            </p>
          )}
          {!items && !feedback.error && <p className="govuk-body">Loading your feedback…</p>}
          {items?.length === 0 && (
            <p className="govuk-body" data-testid="no-feedback">
              No audit of your decisions has been answered yet.
            </p>
          )}
          <div data-testid="feedback">
            {items?.map((audit) => (
              <div className="govuk-summary-card" key={audit.id} data-audit={audit.id}>
                <div className="govuk-summary-card__title-wrapper">
                  <h2 className="govuk-summary-card__title">
                    {audit.childName}, {audit.reference}
                  </h2>
                  <ul className="govuk-summary-card__actions">
                    <li className="govuk-summary-card__action">
                      <Link className="govuk-link" to={`/quality-audits/${audit.id}`}>
                        Open<span className="govuk-visually-hidden"> the audit of {audit.reference}</span>
                      </Link>
                    </li>
                  </ul>
                </div>
                <div className="govuk-summary-card__content">
                  <ConcernWarning audit={audit} />
                  <SummaryList
                    rows={[
                      ['Contact', <ContactLink audit={audit} />],
                      ['Week', `Starting ${weekWords(audit.weekStarting)}`],
                      [
                        'Your decision',
                        `Level ${audit.decision.level}, ${outcomeWords(audit.decision.outcome)}, ${when(audit.decision.decidedAt)}`,
                      ],
                      ...(audit.answer ? answerRows(audit.answer) : []),
                    ]}
                  />
                </div>
              </div>
            ))}
          </div>
        </div>
      </div>
    </Page>
  );
}
