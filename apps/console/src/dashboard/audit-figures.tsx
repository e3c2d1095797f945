import { TableHead } from '../admin/common';
import { count, ratioText, type Ratio } from '../admin/format';
import type { Schema } from '../api-client';
import { GRADE_WORDS } from '../audits/words';
import { SummaryList } from '../ui';
import { BarsFigure, numeric, Scrolling } from './figures';

// issue 21 item 4 on the consistency page: the dip-sample audits of the decisions drawn in the
// period, and the boomerang rate month by month. Every share is written with its numerator and
// denominator ("3 of 4 (75%)"), and every chart has the same figures as a table.

type AuditFigures = Schema<'AuditFiguresDto'>;
type AuditJudgement = Schema<'AuditJudgementDto'>;
type BoomerangMonth = Schema<'BoomerangMonthDto'>;

const BLUE = '#1d70b8';
const NOT_ANSWERED = 'No audits answered';

// "2026-11" (the front door's local month, as the api gives it) → "Nov 2026"
const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
export function shortMonth(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return monthFormat.format(Date.UTC(year, number - 1, 15));
}

const ratioBar = (name: string, ratio: Ratio, none: string) => ({
  name,
  value: ratio.percent ?? 0,
  label: ratioText(ratio, none),
});

function JudgementTable({
  title,
  first,
  rows,
  testId,
  name,
}: {
  title: string;
  first: string;
  rows: AuditJudgement[];
  testId: string;
  name: (row: AuditJudgement) => string;
}) {
  return (
    <Scrolling label={title}>
      <table className="govuk-table" data-testid={testId}>
        <caption className="govuk-table__caption govuk-table__caption--s">{title}</caption>
        <TableHead
          columns={[
            first,
            { label: 'Yes', numeric: true },
            { label: 'Partly', numeric: true },
            { label: 'No', numeric: true },
            { label: 'Judged right (yes, of all answered)', numeric: true },
          ]}
        />
        <tbody className="govuk-table__body">
          {rows.map((row) => (
            <tr className="govuk-table__row" key={row.key ?? row.label} data-key={row.key ?? undefined}>
              <th scope="row" className="govuk-table__header">
                {name(row)}
              </th>
              <td className={numeric}>{count(row.yes)}</td>
              <td className={numeric}>{count(row.partly)}</td>
              <td className={numeric}>{count(row.no)}</td>
              <td className={numeric}>{ratioText(row.correct, NOT_ANSWERED)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scrolling>
  );
}

export function QualityAudits({ audits }: { audits: AuditFigures }) {
  const answered = audits.onTime.denominator;
  return (
    <section aria-labelledby="quality-audits" data-testid="quality-audits">
      <h2 className="govuk-heading-l" id="quality-audits">
        Quality audits
      </h2>
      <p className="govuk-body">
        The dip-sample audits of decisions drawn in the period, whether a manager found the threshold applied
        rightly, and the grade they gave. Decisions taken out of the sample are not counted.
      </p>
      <SummaryList
        rows={[
          ['Decisions drawn for an audit', <span data-testid="audits-drawn">{count(audits.drawn)}</span>],
          [
            'Answered by their due time',
            <span data-testid="audits-on-time">{ratioText(audits.onTime, NOT_ANSWERED)}</span>,
          ],
          ['Answered late', <span data-testid="audits-late">{count(audits.late)}</span>],
          ['Not answered yet', <span data-testid="audits-open">{count(audits.open)}</span>],
          [
            'Not answered and past their due time',
            <span data-testid="audits-overdue">{count(audits.overdue)}</span>,
          ],
        ]}
      />
      {answered === 0 ? (
        <p className="govuk-body" data-testid="audits-none-answered">
          {audits.drawn === 0
            ? 'No decision in this period was drawn for an audit.'
            : 'No audit of these decisions has been answered yet.'}
        </p>
      ) : (
        <>
          <JudgementTable
            title="Threshold judged right, by screener who decided"
            first="Screener"
            rows={audits.byScreener}
            testId="audits-by-screener"
            name={(row) => row.label}
          />
          <JudgementTable
            title="Threshold judged right, by month the audit was answered"
            first="Month"
            rows={audits.byMonth}
            testId="audits-by-month"
            name={(row) => shortMonth(row.label)}
          />
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-one-half">
              <BarsFigure
                id="audits-correct-by-month"
                title="Threshold judged right, by month answered (%)"
                rowHeading="Month answered"
                valueHeading="Judged right"
                fill={BLUE}
                max={100}
                nameWidth={100}
                rows={audits.byMonth.map((row) => ratioBar(shortMonth(row.label), row.correct, NOT_ANSWERED))}
              />
            </div>
            <div className="govuk-grid-column-one-half">
              <BarsFigure
                id="audits-grades"
                title="Grades given"
                rowHeading="Grade"
                valueHeading="Audits"
                fill={BLUE}
                nameWidth={200}
                rows={audits.grades.map((g) => ({
                  name: GRADE_WORDS[g.grade],
                  value: g.count,
                  label: count(g.count),
                }))}
              />
            </div>
          </div>
        </>
      )}
    </section>
  );
}

export function BoomerangTrend({ months, windowDays }: { months: BoomerangMonth[]; windowDays: number }) {
  return (
    <div data-testid="boomerang-trend">
      <h3 className="govuk-heading-m">Boomerang rate by month</h3>
      <p className="govuk-body">
        Of each month’s closures, those whose child came back within {windowDays} days, over the 12 months to
        the end of the period.
      </p>
      <BarsFigure
        id="boomerang-trend"
        title="Boomerang rate by month of the closure (%)"
        rowHeading="Month of the closure"
        valueHeading="Came back within the window"
        fill={BLUE}
        max={100}
        nameWidth={100}
        rows={months.map((m) => ratioBar(shortMonth(m.month), m.rate, 'No closures'))}
      />
    </div>
  );
}
