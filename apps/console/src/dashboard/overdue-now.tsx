import { Link } from 'react-router';
import { TableHead } from '../admin/common';
import { duration } from '../admin/format';
import { useNow } from '../live';
import { useQueue, type QueueItem } from '../queue';
import { RagTag, TimelinessTag } from '../ui';

const byDue = (a: QueueItem, b: QueueItem) => a.dueAt.localeCompare(b.dueAt);

// CONSOLE.md M3 "Overdue now": every overdue item of the queues a manager works, most overdue
// first. Timeliness is the server's (pushed when the clock moves it); "overdue by" counts on
// with the page's clock. The views are the queue pages' own (one subscription per view for the
// life of the tab, kept in the queues' order), sorted here by how overdue
export function OverdueNow() {
  const screening = useQueue('screening');
  const authorisation = useQueue('authorisation');
  const now = useNow();
  const overdue = [
    ...(screening.items ?? []).map((item) => ({ item, queue: 'Screening' })),
    ...(authorisation.items ?? []).map((item) => ({ item, queue: 'Awaiting authorisation' })),
  ]
    .filter(({ item }) => item.timeliness === 'OVERDUE')
    .sort((a, b) => byDue(a.item, b.item));
  return (
    <>
      <h2 className="govuk-heading-m">Overdue now</h2>
      {screening.items === undefined && authorisation.items === undefined ? (
        <p className="govuk-body">Loading the queues…</p>
      ) : overdue.length === 0 ? (
        <p className="govuk-body" data-testid="overdue-now">
          Nothing is overdue.
        </p>
      ) : (
        <table className="govuk-table" data-testid="overdue-now">
          <caption className="govuk-table__caption govuk-table__caption--s">
            {overdue.length} overdue, most overdue first
          </caption>
          <TableHead columns={['Child', 'RAG', 'Queue', 'Overdue by', 'Claimed by']} />
          <tbody className="govuk-table__body">
            {overdue.map(({ item, queue }) => (
              <tr className="govuk-table__row" key={item.id} data-reference={item.reference}>
                <td className="govuk-table__cell">
                  <Link to={`/contacts/${item.id}`} className="govuk-link">
                    {item.childName}
                  </Link>
                  <br />
                  <span className="govuk-body-s">{item.reference}</span>
                </td>
                <td className="govuk-table__cell">
                  <RagTag rag={item.rag} />
                </td>
                <td className="govuk-table__cell">{queue}</td>
                <td className="govuk-table__cell">
                  <TimelinessTag timeliness="OVERDUE" /> by{' '}
                  {duration((now - Date.parse(item.dueAt)) / 60_000)}
                </td>
                <td className="govuk-table__cell">{item.claimedBy?.name ?? 'Unclaimed'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
