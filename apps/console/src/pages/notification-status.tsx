import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ApiFailure } from '../api';
import { NotFound, Page } from '../layout';
import { outcomeWords, useNotification, type Notification } from '../police/notifications';
import { StatusTag } from '../police/status-tag';
import { WhatYouSent } from '../police/what-you-sent';
import { LiveStatus } from '../queue';
import { SummaryList, when } from '../ui';

// a polite word when the notification is triaged, or a school is told, while the page is open
// (WCAG 4.1.3)
function useAnnouncement(n: Notification | undefined): string {
  const last = useRef<Notification | undefined>(undefined);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (!n) return;
    const before = last.current;
    last.current = n;
    if (!before || before.id !== n.id) return;
    const said: string[] = [];
    if (before.status === 'AWAITING_TRIAGE' && n.status === 'TRIAGED')
      said.push(`Triaged: ${outcomeWords(n.triage?.outcome)}`);
    const sentBefore = new Set(before.encompass.filter((e) => e.status === 'SENT').map((e) => e.id));
    for (const e of n.encompass)
      if (e.status === 'SENT' && !sentBefore.has(e.id))
        said.push(`${e.school ?? 'The school'} told about ${e.childName}`);
    if (said.length > 0) setMessage(said.join('. '));
  }, [n]);
  return message;
}

// issue 16 item 5, P3: what the force sent and where it stands, live (triage, MARAC, each school
// told). Never the contacts made from it (the api withholds them from the police, and the page
// has no place for them), nor the triage rationale (MACH staff only)
export function NotificationStatus() {
  const { id = '' } = useParams();
  const { data: n, error, state } = useNotification(id);
  const announcement = useAnnouncement(n);
  if (error) {
    if (error instanceof ApiFailure && error.error.status === 404) return <NotFound />;
    return (
      <Page title="DA notification">
        <h1 className="govuk-heading-l">Sorry, there is a problem with the service</h1>
        <p className="govuk-body">
          The notification could not be read. Try again later.
          {error instanceof ApiFailure && error.error.correlationId
            ? ` Quote ${error.error.correlationId}.`
            : ''}
        </p>
      </Page>
    );
  }
  if (!n) {
    return (
      <Page title="DA notification">
        <p className="govuk-body">Loading…</p>
      </Page>
    );
  }
  return (
    <Page title={`DA notification ${n.policeReference}`}>
      <Link to="/da-notifications" className="govuk-back-link">
        Your force’s notifications
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">DA notification</span>
          <h1 className="govuk-heading-l">{n.policeReference}</h1>
          <LiveStatus state={state} />
          <div className="govuk-visually-hidden" aria-live="polite">
            {announcement}
          </div>

          <h2 className="govuk-heading-m">Triage</h2>
          <div data-testid="triage">
            <SummaryList
              rows={[
                ['Status', <StatusTag key="status" status={n.status} />],
                ...(n.triage
                  ? ([
                      ['Outcome', <span data-testid="outcome">{outcomeWords(n.triage.outcome)}</span>],
                      ['Triaged', <time dateTime={n.triage.triagedAt}>{when(n.triage.triagedAt)}</time>],
                    ] as [string, ReactNode][])
                  : ([
                      ['Outcome', <span data-testid="outcome">Not triaged yet</span>],
                      ['Triage due', <time dateTime={n.triageDueAt}>{when(n.triageDueAt)}</time>],
                    ] as [string, ReactNode][])),
                ['MARAC', <span data-testid="marac">{n.marac ? 'Yes' : 'No'}</span>],
              ]}
            />
            {/* decided (issue 16): the police see the outcome, not the social worker's rationale */}
            <p className="govuk-body fd-secondary" data-testid="reasons-not-shared">
              The front door’s reasons are not shared: you see the outcome and the MARAC flag.
            </p>
          </div>

          <h2 className="govuk-heading-m">Operation Encompass</h2>
          {n.encompass.length === 0 ? (
            <p className="govuk-body">
              No school notifications: no child is of school age or has a school named.
            </p>
          ) : (
            <table className="govuk-table" data-testid="encompass">
              <caption className="govuk-table__caption govuk-visually-hidden">Schools to be told</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Child
                  </th>
                  <th scope="col" className="govuk-table__header">
                    School
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Due
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Sent
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {n.encompass.map((e) => (
                  <tr className="govuk-table__row" key={e.id} data-status={e.status}>
                    <td className="govuk-table__cell">{e.childName}</td>
                    <td className="govuk-table__cell">{e.school ?? 'Not named'}</td>
                    <td className="govuk-table__cell">
                      <time dateTime={e.dueAt}>{when(e.dueAt)}</time>
                    </td>
                    <td className="govuk-table__cell">
                      {e.status === 'SENT' ? (
                        e.sentAt ? (
                          <time dateTime={e.sentAt}>{when(e.sentAt)}</time>
                        ) : (
                          'Sent'
                        )
                      ) : (
                        <span className="fd-secondary">Not yet</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
      <WhatYouSent n={n} />
    </Page>
  );
}
