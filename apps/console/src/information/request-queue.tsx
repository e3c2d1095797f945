import { Link } from 'react-router';
import { Page } from '../layout';
import { useNow } from '../live';
import {
  LiveStatus,
  PauseControl,
  QueueHead,
  useAnnouncer,
  useNewRows,
  usePausable,
  useQueue,
  type QueueItem,
} from '../queue';
import { countdown, RagTag, TimelinessTag, when } from '../ui';

// how much of the questions a row shows; the request page has them in full
export const QUESTIONS_SHOWN = 140;

// the questions on one line, cut at a word near the limit (never mid-word), with an ellipsis
export function shortQuestions(questions: string | undefined, max = QUESTIONS_SHOWN): string {
  const flat = (questions ?? '').replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  const end = space > max * 0.6 ? space : max;
  return `${flat.slice(0, end).replace(/[\s,.;:–-]+$/, '')}…`;
}

const count = (n: number) => (n === 1 ? '1 request for information' : `${n} requests for information`);

// issue 18: the asked agency's own open requests (its PARTNER or POLICE users), live, most urgent
// first. The server scopes the view to the reader's agency; an answer or a refusal takes the row
// away, a chase marks it "Chased", and the clock turns it "Due soon" and then "Overdue".
export function RequestQueue() {
  const state = useQueue('information-requests');
  const { items, paused, waiting, pause, resume } = usePausable(state);
  const fresh = useNewRows(items);
  const announcement = useAnnouncer(state.items, 'request for information');
  const now = useNow();
  return (
    <Page title="Requests for information" wide>
      <h1 className="govuk-heading-l">Requests for information</h1>
      <LiveStatus state={state} />
      <p className="govuk-body">
        What the front door asks your agency about a child. Open a request to see the child and the questions
        in full, then answer it or say why you cannot.
      </p>
      <div className="govuk-visually-hidden" aria-live="polite">
        {announcement}
      </div>
      <PauseControl paused={paused} waiting={waiting} pause={pause} resume={resume} />
      {items === undefined ? (
        <p className="govuk-body">Loading the requests…</p>
      ) : (
        <table className="govuk-table fd-queue fd-information-queue" data-testid="information-queue">
          <caption className="govuk-table__caption govuk-table__caption--m" tabIndex={-1}>
            {items.length === 0 ? 'No requests waiting' : `${count(items.length)} waiting`}
          </caption>
          <QueueHead columns={['Priority', 'Child', 'What we are asked', 'Due', 'Status']} />
          <tbody className="govuk-table__body">
            {items.map((item) => (
              <RequestRow key={item.id} item={item} fresh={fresh.has(item.id)} now={now} />
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}

function RequestRow({ item, fresh, now }: { item: QueueItem; fresh: boolean; now: number }) {
  const chased = item.flags.includes('CHASED');
  return (
    <tr
      className={`govuk-table__row${fresh ? ' fd-new-row' : ''}`}
      data-reference={item.reference}
      data-request={item.id}
    >
      <td className="govuk-table__cell" data-label="Priority">
        <RagTag rag={item.rag} />
      </td>
      <td className="govuk-table__cell" data-label="Child">
        <Link className="govuk-link" to={`/information-requests/${item.id}`}>
          {item.childName}
        </Link>
        <br />
        <span className="govuk-body-s fd-secondary">{item.reference}</span>
      </td>
      <td className="govuk-table__cell" data-label="What we are asked" data-testid="queue-questions">
        {shortQuestions(item.questions)}
      </td>
      <td className="govuk-table__cell" data-label="Due">
        <time dateTime={item.dueAt}>{when(item.dueAt)}</time>
        <br />
        {countdown(item.dueAt, now)} <TimelinessTag timeliness={item.timeliness} />
      </td>
      <td className="govuk-table__cell" data-label="Status">
        {chased ? (
          <strong className="govuk-tag" data-testid="chased-tag">
            Chased
          </strong>
        ) : (
          'Waiting for an answer'
        )}
      </td>
    </tr>
  );
}
