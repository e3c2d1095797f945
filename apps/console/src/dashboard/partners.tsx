import { TableHead } from '../admin/common';
import { count, duration, ratioText, type Ratio } from '../admin/format';
import type { Schema } from '../api-client';
import { BarsFigure, numeric, Scrolling } from './figures';

type InformationSharingFiguresDto = Schema<'InformationSharingFiguresDto'>;
type AgencyRequestFiguresDto = Schema<'AgencyRequestFiguresDto'>;
type AgencyResponseMonthDto = Schema<'AgencyResponseMonthDto'>;
type Rag = keyof Schema<'ResponseMinutesDto'>;

const RAGS: Rag[] = ['RED', 'AMBER', 'GREEN'];
const BLUE = '#1d70b8';

// "2026-11" (the front door's local month, as the api gives it) → "November 2026"
const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
export function monthInWords(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return monthFormat.format(Date.UTC(year, number - 1, 15));
}

const plural = (n: number, one: string, many: string) => `${count(n)} ${n === 1 ? one : many}`;
const oneDecimal = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 1 });

// "0.5 (2 chases, 4 requests)"
function chasesPerRequest({ chases, requests }: AgencyRequestFiguresDto): string {
  if (requests === 0) return 'No requests';
  return `${oneDecimal(chases / requests)} (${plural(chases, 'chase', 'chases')}, ${plural(requests, 'request', 'requests')})`;
}

function MedianCell({ minutes }: { minutes: number | null }) {
  return (
    <td className={numeric}>
      {minutes === null ? (
        <>
          <span aria-hidden="true">–</span>
          <span className="govuk-visually-hidden">no answers</span>
        </>
      ) : (
        duration(minutes)
      )}
    </td>
  );
}

function AnswersTable({ agencies }: { agencies: AgencyRequestFiguresDto[] }) {
  const title = 'Answers from partner agencies (last 30 days)';
  if (agencies.length === 0)
    return (
      <>
        <h3 className="govuk-heading-s">{title}</h3>
        <p className="govuk-body" data-testid="partner-answers">
          No partner agency has been asked in the last 30 days, and none has a request open.
        </p>
      </>
    );
  return (
    <Scrolling label={title}>
      <table className="govuk-table" data-testid="partner-answers">
        <caption className="govuk-table__caption govuk-table__caption--s">{title}</caption>
        <TableHead
          columns={[
            'Agency',
            { label: 'Answered on time', numeric: true },
            ...RAGS.map((rag) => ({ label: `Median response, ${rag}`, numeric: true })),
            { label: 'Open now', numeric: true },
            { label: 'Overdue now', numeric: true },
            { label: 'Chases per request', numeric: true },
          ]}
        />
        <tbody className="govuk-table__body">
          {agencies.map((a) => (
            <tr className="govuk-table__row" key={a.agencyId} data-agency={a.agency}>
              <th scope="row" className="govuk-table__header">
                {a.agency}
              </th>
              <td className={numeric} data-column="answered">
                {ratioText(a.answeredWithinTimescale, 'None due')}
              </td>
              {RAGS.map((rag) => (
                <MedianCell key={rag} minutes={a.medianResponseMinutes[rag]} />
              ))}
              <td className={numeric} data-column="open">
                {count(a.open)}
              </td>
              <td className={numeric} data-column="overdue">
                {a.overdue > 0 ? (
                  <strong className="govuk-tag govuk-tag--magenta">{count(a.overdue)} overdue</strong>
                ) : (
                  count(a.overdue)
                )}
              </td>
              <td className={numeric} data-column="chases">
                {chasesPerRequest(a)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scrolling>
  );
}

const ratioBar = (name: string, ratio: Ratio) => ({
  name,
  value: ratio.percent ?? 0,
  label: ratioText(ratio, 'None due'),
});

// one chart per asked agency (small multiples): its months, oldest first, each a bar of the
// share answered on time, labelled "3 of 4 (75%)", with the same figures as a table
function ResponsesByMonth({ months }: { months: AgencyResponseMonthDto[] }) {
  const title = 'Answered on time, by agency and month of the request';
  if (months.length === 0)
    return (
      <>
        <h3 className="govuk-heading-s">{title}</h3>
        <p className="govuk-body" data-testid="partner-months">
          No partner agency has been asked in the last 12 months.
        </p>
      </>
    );
  const byAgency = new Map<string, AgencyResponseMonthDto[]>();
  for (const row of months) byAgency.set(row.agencyId, [...(byAgency.get(row.agencyId) ?? []), row]);
  const agencies = [...byAgency.values()]
    .map((rows) => ({
      id: rows[0].agencyId,
      name: rows[0].agency,
      rows: rows.sort((a, b) => a.month.localeCompare(b.month)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  // two charts to a row, so a row's charts line up however many months each has
  const pairs: (typeof agencies)[] = [];
  for (let i = 0; i < agencies.length; i += 2) pairs.push(agencies.slice(i, i + 2));
  return (
    <section aria-labelledby="partner-months-title" data-testid="partner-months">
      <h3 className="govuk-heading-s" id="partner-months-title">
        {title}
      </h3>
      <p className="govuk-body">
        Of each month’s requests that were answered or are past their due time, those answered or declined by
        the due time (%).
      </p>
      {pairs.map((pair) => (
        <div className="govuk-grid-row" key={pair[0].id}>
          {pair.map((agency) => (
            <div className="govuk-grid-column-one-half" key={agency.id}>
              <BarsFigure
                id={`responses-${agency.id}`}
                title={`${agency.name}: answered on time by month (%)`}
                rowHeading="Month of the request"
                valueHeading="Answered on time"
                fill={BLUE}
                max={100}
                rows={agency.rows.map((row) =>
                  ratioBar(monthInWords(row.month), row.answeredWithinTimescale),
                )}
              />
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}

function QualityTable({ rows }: { rows: InformationSharingFiguresDto['qualityByReferringAgency'] }) {
  const title = 'Quality of contacts by referring agency';
  if (rows.length === 0)
    return (
      <>
        <h3 className="govuk-heading-s">{title}</h3>
        <p className="govuk-body" data-testid="partner-quality">
          No contact has been graded in the last 12 months.
        </p>
      </>
    );
  return (
    <Scrolling label={title}>
      <table className="govuk-table" data-testid="partner-quality">
        <caption className="govuk-table__caption govuk-table__caption--s">
          {title}, by month of the decision (last 12 months)
        </caption>
        <TableHead
          columns={[
            'Referring agency',
            'Month',
            { label: 'Complete', numeric: true },
            { label: 'Partial', numeric: true },
            { label: 'Insufficient', numeric: true },
            { label: 'Share complete', numeric: true },
          ]}
        />
        <tbody className="govuk-table__body">
          {rows.map((row) => (
            <tr
              className="govuk-table__row"
              key={`${row.month}|${row.agency}`}
              data-agency={row.agency}
              data-month={row.month}
            >
              <th scope="row" className="govuk-table__header">
                {row.agency}
              </th>
              <td className="govuk-table__cell">{monthInWords(row.month)}</td>
              <td className={numeric} data-column="complete">
                {count(row.complete)}
              </td>
              <td className={numeric} data-column="partial">
                {count(row.partial)}
              </td>
              <td className={numeric} data-column="insufficient">
                {count(row.insufficient)}
              </td>
              <td className={numeric} data-column="share">
                {ratioText(row.completeShare, 'None graded')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scrolling>
  );
}

// issue 18: what partner agencies answer, how fast and how often chased, over the months, and
// how complete each referring agency's contacts are; from the metrics view, so live
export function PartnerAgencies({ figures }: { figures: InformationSharingFiguresDto }) {
  return (
    <section aria-labelledby="partner-agencies" data-testid="partner-agencies">
      <h2 className="govuk-heading-m" id="partner-agencies">
        Partner agencies
      </h2>
      <AnswersTable agencies={figures.byAgency} />
      <ResponsesByMonth months={figures.responsesByMonth} />
      <QualityTable rows={figures.qualityByReferringAgency} />
    </section>
  );
}
