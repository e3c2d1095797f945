import { lazy, Suspense, type ReactNode } from 'react';
import { Link } from 'react-router';
import { TableHead, type Column } from '../admin/common';
import { clockTime, count } from '../admin/format';
import type { BarRow, Segment, SeriesLine, SeriesPoint, StackedRow } from './charts';

// recharts comes with the dashboard only, not with the sign-in page
const StackedBars = lazy(() => import('./charts').then((m) => ({ default: m.StackedBars })));
const Bars = lazy(() => import('./charts').then((m) => ({ default: m.Bars })));
const Series = lazy(() => import('./charts').then((m) => ({ default: m.Series })));

// a table that scrolls sideways on a narrow screen rather than widening the page (WCAG 1.4.10):
// a named region in the tab order, so a keyboard can scroll it too
export function Scrolling({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fd-dashboard-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

export const numeric = 'govuk-table__cell govuk-table__cell--numeric';

// a chart and the same figures as a table (CONSOLE.md M3): the chart is a picture of the table
// for those who can see it (its name says so), and the table is there for everyone
function ChartFigure({
  id,
  title,
  summary,
  labelled = true,
  chart,
  columns,
  rows,
}: {
  id: string;
  title: string;
  summary: string;
  labelled?: boolean; // every figure in the table is a label on the chart
  chart: ReactNode;
  columns: Column[];
  rows: ReactNode; // the table's body rows
}) {
  return (
    <figure className="govuk-!-margin-0 govuk-!-margin-bottom-6" data-chart={id} data-labelled={labelled}>
      <figcaption className="govuk-heading-s govuk-!-margin-bottom-2">{title}</figcaption>
      {/* govuk-body gives the chart the service's font, which its text inherits */}
      <div role="img" aria-label={`${title}. ${summary}`} className="govuk-body govuk-!-margin-bottom-2">
        <Suspense fallback={<p className="govuk-body">Loading the chart…</p>}>{chart}</Suspense>
      </div>
      <details className="govuk-details govuk-!-margin-bottom-0">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">
            Show data as a table<span className="govuk-visually-hidden">: {title}</span>
          </span>
        </summary>
        <div className="govuk-details__text">
          <table className="govuk-table govuk-!-margin-bottom-0">
            <caption className="govuk-table__caption govuk-visually-hidden">{title}</caption>
            <TableHead columns={columns} />
            <tbody className="govuk-table__body">{rows}</tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

// rows split into segments (per queue: RED/AMBER/GREEN, or on track/due soon/overdue)
export function StackedFigure({
  id,
  title,
  rowHeading,
  rows,
  segments,
}: {
  id: string;
  title: string;
  rowHeading: string;
  rows: StackedRow[];
  segments: Segment[];
}) {
  const summary = rows
    .map((row) => `${row.name}: ${segments.map((s) => `${count(Number(row[s.key]))} ${s.label}`).join(', ')}`)
    .join('. ');
  return (
    <ChartFigure
      id={id}
      title={title}
      summary={summary}
      chart={<StackedBars rows={rows} segments={segments} />}
      columns={[
        rowHeading,
        ...segments.map((segment) => ({ label: segment.label, numeric: true })),
        { label: 'Total', numeric: true },
      ]}
      rows={rows.map((row) => (
        <tr className="govuk-table__row" key={row.name}>
          <th scope="row" className="govuk-table__header">
            {row.name}
          </th>
          {segments.map((segment) => (
            <td
              className="govuk-table__cell govuk-table__cell--numeric"
              key={segment.key}
              data-value
              data-testid={`${id}-${row.name}-${segment.key}`}
            >
              {count(Number(row[segment.key]))}
            </td>
          ))}
          <td className="govuk-table__cell govuk-table__cell--numeric">
            {count(segments.reduce((sum, s) => sum + Number(row[s.key]), 0))}
          </td>
        </tr>
      ))}
    />
  );
}

// a bar per row with its label; a row may link somewhere (a screener's claimed contacts)
export function BarsFigure({
  id,
  title,
  rowHeading,
  valueHeading,
  rows,
  fill,
  max,
  nameWidth,
  links,
}: {
  id: string;
  title: string;
  rowHeading: string;
  valueHeading: string;
  rows: BarRow[];
  fill: string;
  max?: number;
  nameWidth?: number;
  links?: string[];
}) {
  return (
    <ChartFigure
      id={id}
      title={title}
      summary={rows.map((row) => `${row.name}: ${row.label}`).join('. ')}
      chart={<Bars rows={rows} fill={fill} max={max} nameWidth={nameWidth} />}
      columns={[rowHeading, { label: valueHeading, numeric: true }]}
      rows={rows.map((row, i) => (
        <tr className="govuk-table__row" key={row.name}>
          <th scope="row" className="govuk-table__header">
            {links?.[i] ? (
              <Link to={links[i]} className="govuk-link">
                {row.name}
              </Link>
            ) : (
              row.name
            )}
          </th>
          <td className="govuk-table__cell govuk-table__cell--numeric" data-value>
            {row.label}
          </td>
        </tr>
      ))}
    />
  );
}

// figures over time, from the pushes since the page opened
export function SeriesFigure({
  id,
  title,
  points,
  until,
  lines,
}: {
  id: string;
  title: string;
  points: SeriesPoint[];
  until: number; // the latest figures' time: the last step runs on to it
  lines: SeriesLine[];
}) {
  const last = points[points.length - 1];
  const drawn = last && until > last.at ? [...points, { ...last, at: until }] : points;
  const summary = last
    ? `${points.length} ${points.length === 1 ? 'change' : 'changes'} since ${clockTime(points[0].at)}; now ${lines
        .map((line) => `${count(last[line.key])} ${line.label.toLowerCase()}`)
        .join(', ')}`
    : 'No figures yet';
  return (
    <ChartFigure
      id={id}
      title={title}
      summary={summary}
      labelled={false}
      chart={<Series points={drawn} lines={lines} />}
      columns={['From', ...lines.map((line) => ({ label: line.label, numeric: true }))]}
      rows={points.map((point) => (
        <tr className="govuk-table__row" key={point.at}>
          <th scope="row" className="govuk-table__header">
            {clockTime(point.at)}
          </th>
          {lines.map((line) => (
            <td
              className="govuk-table__cell govuk-table__cell--numeric"
              key={line.key}
              data-series={line.key}
            >
              {count(point[line.key])}
            </td>
          ))}
        </tr>
      ))}
    />
  );
}
