import { memo, useState } from 'react';
import { Link, Route, Routes, useLocation, useNavigate, useParams } from 'react-router';
import { ApiFailure } from '../api';
import { isStaffView, useContact } from '../contact-data';
import { NotFound, Page } from '../layout';
import { useNow } from '../live';
import { useQueue } from '../queue';
import { ActionsDone } from '../strategy/actions';
import { useDiscussion, useStaffName } from '../strategy/data';
import { IcpcForm, icpcTiming, planInWords } from '../strategy/icpc';
import { RecordJourney } from '../strategy/record';
import { EarlierVersions, RecordSummary } from '../strategy/record-summary';
import { S47OutcomeForm } from '../strategy/s47-outcome';
import { ScheduleForm } from '../strategy/schedule';
import {
  AGENCY_WORDS,
  DISCUSSION_STATUS_WORDS,
  S47_OUTCOME_WORDS,
  startsS47,
  type Discussion,
} from '../strategy/words';
import { Banner, countdown, dateOnly, RagTag, SummaryList, TimelinessTag, when } from '../ui';

// CONSOLE.md S8: one strategy discussion as a GOV.UK task list (schedule it, record it; once held
// with an s47 enquiry, its outcome and the initial child protection conference, decision 0023),
// with its record, its actions (each marked done with a note), the earlier versions amendments
// replaced, and the forms under it
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
            reload={reload}
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
      <Route
        path="s47-outcome"
        element={<S47OutcomeForm discussion={discussion} childName={childName} onRecorded={reload} />}
      />
      <Route
        path="icpc"
        element={<IcpcForm discussion={discussion} childName={childName} onRecorded={reload} />}
      />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

// the success banner takes focus once, when it appears: the page's live clock re-renders the
// page, and a form opened under the banner keeps its focus
const Flash = memo(function Flash({ text }: { text: string }) {
  return (
    <Banner kind="success" title="Success" focus>
      <p className="govuk-notification-banner__heading">{text}</p>
    </Banner>
  );
});

function Overview({
  discussion,
  childName,
  reference,
  rag,
  reload,
}: {
  discussion: Discussion;
  childName: string;
  reference?: string;
  rag?: string;
  reload(): Promise<void>;
}) {
  const now = useNow();
  const staffName = useStaffName();
  const navigate = useNavigate();
  const location = useLocation();
  const flash = (location.state as { banner?: string } | null)?.banner;
  // the action whose "Mark as done" form is open (one at a time)
  const [marking, setMarking] = useState<string>();
  // the live strategy queue knows its timeliness while it is open
  const live = useQueue('strategy').items?.find((i) => i.id === discussion.id);
  const held = discussion.status === 'HELD';
  const scheduled = Boolean(discussion.scheduledFor);
  const invited = discussion.invitees.map((i) => AGENCY_WORDS[i.agency] + (i.name ? ` (${i.name})` : ''));
  const record = discussion.record;
  // decision 0023: held with an s47 enquiry, its outcome follows; a conference when it says so
  const s47 = held && startsS47(record?.outcome) ? record : undefined;
  const concluded = discussion.s47Outcome;
  const icpcCalled = concluded?.outcome === 'CONCERNS_SUBSTANTIATED_ICPC';
  const icpc = discussion.icpc;
  return (
    <Page title={`Strategy discussion – ${childName}`}>
      {flash && <Flash key={location.key} text={flash} />}
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
            {s47 && (
              <li className={`govuk-task-list__item${concluded ? '' : ' govuk-task-list__item--with-link'}`}>
                <div className="govuk-task-list__name-and-hint">
                  {concluded ? (
                    <div>Record the outcome of the s47 enquiry</div>
                  ) : (
                    <Link
                      className="govuk-link govuk-task-list__link"
                      to="s47-outcome"
                      aria-describedby="s47-outcome-hint s47-outcome-status"
                    >
                      Record the outcome of the s47 enquiry
                    </Link>
                  )}
                  <div id="s47-outcome-hint" className="govuk-task-list__hint">
                    {concluded
                      ? `Concluded ${when(concluded.concludedAt)}: ${S47_OUTCOME_WORDS[concluded.outcome]}`
                      : `The enquiry started ${dateOnly(s47.s47StartDate)}: when it concluded, what it found and why`}
                  </div>
                </div>
                <div className="govuk-task-list__status" id="s47-outcome-status">
                  {concluded ? 'Completed' : <strong className="govuk-tag">Not started</strong>}
                </div>
              </li>
            )}
            {s47 && icpcCalled && (
              <li className={`govuk-task-list__item${icpc ? '' : ' govuk-task-list__item--with-link'}`}>
                <div className="govuk-task-list__name-and-hint">
                  {icpc ? (
                    <div>Record the initial child protection conference</div>
                  ) : (
                    <Link
                      className="govuk-link govuk-task-list__link"
                      to="icpc"
                      aria-describedby="icpc-hint icpc-status"
                    >
                      Record the initial child protection conference
                    </Link>
                  )}
                  <div id="icpc-hint" className="govuk-task-list__hint">
                    {icpc
                      ? icpcTiming(icpc)
                      : `Due by ${dateOnly(s47.icpcDueDate)} (15 working days from the s47 start): when it was held and any child protection plan`}
                  </div>
                </div>
                <div className="govuk-task-list__status" id="icpc-status">
                  {icpc ? 'Completed' : <strong className="govuk-tag">Due</strong>}
                </div>
              </li>
            )}
          </ul>

          {concluded && (
            <section data-testid="s47-outcome">
              <h2 className="govuk-heading-m">Outcome of the section 47 enquiry</h2>
              <SummaryList
                rows={[
                  ['Concluded', <time dateTime={concluded.concludedAt}>{when(concluded.concludedAt)}</time>],
                  ['Outcome', S47_OUTCOME_WORDS[concluded.outcome] ?? concluded.outcome],
                  ['Rationale', <span className="fd-preserve-lines">{concluded.rationale}</span>],
                  ['Recorded', `${staffName(concluded.recordedBy)}, ${when(concluded.recordedAt)}`],
                ]}
              />
            </section>
          )}
          {icpc && (
            <section data-testid="icpc">
              <h2 className="govuk-heading-m">Initial child protection conference</h2>
              <SummaryList
                rows={[
                  ['Held', <time dateTime={icpc.heldAt}>{when(icpc.heldAt)}</time>],
                  [
                    'Held within the target',
                    <span data-testid="icpc-within-target">
                      {icpc.heldWithinTarget ? 'Yes' : 'No'}: held {dateOnly(icpc.heldDate)}, due by{' '}
                      {dateOnly(icpc.icpcDueDate)} (15 working days from the s47 start)
                    </span>,
                  ],
                  ['Child protection plan', <span data-testid="icpc-plan">{planInWords(icpc)}</span>],
                  ['Recorded', `${staffName(icpc.recordedBy)}, ${when(icpc.recordedAt)}`],
                ]}
              />
            </section>
          )}

          {record && (
            <ActionsDone
              discussion={discussion}
              staffName={staffName}
              open={marking}
              onOpen={setMarking}
              reload={reload}
              onDone={async (action) => {
                await reload();
                setMarking(undefined);
                void navigate('.', {
                  replace: true,
                  state: { banner: `Action marked as done: ${action.description}.` },
                });
              }}
            />
          )}

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
