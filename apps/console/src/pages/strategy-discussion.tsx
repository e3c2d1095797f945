import { Link, Route, Routes, useLocation, useParams } from 'react-router';
import { ApiFailure } from '../api';
import { isStaffView, useContact } from '../contact-data';
import { NotFound, Page } from '../layout';
import { useNow } from '../live';
import { useQueue } from '../queue';
import { useDiscussion, useStaffName } from '../strategy/data';
import { RecordJourney } from '../strategy/record';
import { EarlierVersions, RecordSummary } from '../strategy/record-summary';
import { ScheduleForm } from '../strategy/schedule';
import { AGENCY_WORDS, DISCUSSION_STATUS_WORDS, type Discussion } from '../strategy/words';
import { Banner, countdown, RagTag, TimelinessTag, when } from '../ui';

// CONSOLE.md S8: one strategy discussion as a GOV.UK task list (schedule it, record it), with
// its record, the earlier versions amendments replaced, and the forms under it
export function StrategyDiscussion() {
  const { id = '' } = useParams();
  const discussion = useDiscussion(id);
  if (discussion.error) {
    const status = discussion.error instanceof ApiFailure ? discussion.error.error.status : 0;
    if (status === 404 || status === 400) return <NotFound />;
    return (
      <Page title="Sorry, there is a problem">
        <h1 className="govuk-heading-l">Sorry, there is a problem with the service</h1>
        <p className="govuk-body">{discussion.error.message}</p>
      </Page>
    );
  }
  if (!discussion.data) return <Loading />;
  return <WithChild discussion={discussion.data} reload={() => discussion.reload()} />;
}

function Loading() {
  return (
    <Page title="Strategy discussion">
      <p className="govuk-body">Loading the strategy discussion…</p>
    </Page>
  );
}

// the child's name and reference come from the contact (GET /api/contacts/:id)
function WithChild({ discussion, reload }: { discussion: Discussion; reload(): Promise<void> }) {
  const contact = useContact(discussion.contactId);
  if (!contact.data && !contact.error) return <Loading />;
  const staff = contact.data && isStaffView(contact.data) ? contact.data : undefined;
  const childName = staff ? `${staff.child.firstName} ${staff.child.lastName}` : 'The child';
  return (
    <Routes>
      <Route
        index
        element={
          <Overview
            discussion={discussion}
            childName={childName}
            reference={staff?.reference}
            rag={staff?.rag}
          />
        }
      />
      <Route
        path="schedule"
        element={
          discussion.status === 'HELD' ? (
            <NotFound />
          ) : (
            <ScheduleForm discussion={discussion} childName={childName} onScheduled={reload} />
          )
        }
      />
      <Route
        path="record/*"
        element={<RecordJourney discussion={discussion} childName={childName} reload={reload} />}
      />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

function Overview({
  discussion,
  childName,
  reference,
  rag,
}: {
  discussion: Discussion;
  childName: string;
  reference?: string;
  rag?: string;
}) {
  const now = useNow();
  const staffName = useStaffName();
  const flash = (useLocation().state as { banner?: string } | null)?.banner;
  // the live strategy queue knows its timeliness while it is open
  const live = useQueue('strategy').items?.find((i) => i.id === discussion.id);
  const held = discussion.status === 'HELD';
  const scheduled = Boolean(discussion.scheduledFor);
  const invited = discussion.invitees.map((i) => AGENCY_WORDS[i.agency] + (i.name ? ` (${i.name})` : ''));
  return (
    <Page title={`Strategy discussion – ${childName}`}>
      {flash && (
        <Banner kind="success" title="Success" focus>
          <p className="govuk-notification-banner__heading">{flash}</p>
        </Banner>
      )}
      <span className="govuk-caption-l">Strategy discussion{reference ? ` · contact ${reference}` : ''}</span>
      <h1 className="govuk-heading-l">{childName}</h1>
      <p className="govuk-body" data-testid="discussion-header">
        {rag && (
          <>
            <RagTag rag={rag} />{' '}
          </>
        )}
        <strong className={`govuk-tag${held ? ' govuk-tag--grey' : ''}`}>
          {DISCUSSION_STATUS_WORDS[discussion.status] ?? discussion.status}
        </strong>
        {' · Due '}
        <time dateTime={discussion.dueAt}>{when(discussion.dueAt)}</time>
        {!held && ` (${countdown(discussion.dueAt, now)})`}{' '}
        {!held && live && <TimelinessTag timeliness={live.timeliness} />}
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/contacts/${discussion.contactId}`}>
          View {childName}’s contact
        </Link>
      </p>
      {discussion.startedBy && (
        <div className="govuk-inset-text" data-testid="started-by">
          Started by {staffName(discussion.startedBy.id)} after the decision: {discussion.startedBy.reason}
        </div>
      )}

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ul className="govuk-task-list" data-testid="task-list">
            <li className={`govuk-task-list__item${held ? '' : ' govuk-task-list__item--with-link'}`}>
              <div className="govuk-task-list__name-and-hint">
                {held ? (
                  <div>Schedule the discussion</div>
                ) : (
                  <Link
                    className="govuk-link govuk-task-list__link"
                    to="schedule"
                    aria-describedby={`schedule-hint schedule-status`}
                  >
                    Schedule the discussion
                  </Link>
                )}
                <div id="schedule-hint" className="govuk-task-list__hint">
                  {scheduled
                    ? `${when(discussion.scheduledFor)} with ${invited.join(', ')}`
                    : 'Set a time and invite the agencies'}
                </div>
              </div>
              <div className="govuk-task-list__status" id="schedule-status">
                {scheduled ? (
                  'Scheduled'
                ) : held ? (
                  'Not scheduled'
                ) : (
                  <strong className="govuk-tag">Due</strong>
                )}
              </div>
            </li>
            <li className="govuk-task-list__item govuk-task-list__item--with-link">
              <div className="govuk-task-list__name-and-hint">
                <Link
                  className="govuk-link govuk-task-list__link"
                  to="record"
                  aria-describedby="record-hint record-status"
                >
                  Record the discussion
                </Link>
                <div id="record-hint" className="govuk-task-list__hint">
                  {discussion.record
                    ? `Held ${when(discussion.record.heldAt)} (version ${discussion.record.version}). Amend the record if it is wrong.`
                    : 'Attendance, outcome, rationale and actions'}
                </div>
              </div>
              <div className="govuk-task-list__status" id="record-status">
                {held ? 'Held' : <strong className="govuk-tag">Not started</strong>}
              </div>
            </li>
          </ul>

          {discussion.record && (
            <section data-testid="current-record">
              <h2 className="govuk-heading-m">The record (version {discussion.record.version})</h2>
              <RecordSummary
                record={discussion.record}
                dueAt={discussion.dueAt}
                required={discussion.requiredAgencies}
                staffName={staffName}
              />
            </section>
          )}
          <EarlierVersions
            history={discussion.history ?? []}
            dueAt={discussion.dueAt}
            required={discussion.requiredAgencies}
            staffName={staffName}
          />
          <p className="govuk-body">
            <Link className="govuk-link" to="/strategy">
              Back to the strategy discussions
            </Link>
          </p>
        </div>
      </div>
    </Page>
  );
}
