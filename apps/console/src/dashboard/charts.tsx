import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, XAxis, YAxis } from 'recharts';
import { clockTime } from '../admin/format';

// the dashboard's charts (recharts, loaded only when the dashboard is: dashboard/figures.tsx).
// Text inherits the service's font from the chart's govuk-body wrapper (recharts' SVG text would
// otherwise fall back to a serif), legends are in ink rather than each series' colour (a yellow
// word on white is unreadable), every bar carries its number, and nothing animates (the figures
// change every second or so)
const INK = '#0b0c0c';
const TICK = { fontFamily: 'inherit', fontSize: 16, fill: INK };
const LABEL = { fontFamily: 'inherit', fontSize: 16, fontWeight: 700 };
const LEGEND = { fontFamily: 'inherit', fontSize: 16, color: INK };
const inInk = (value: ReactNode) => <span style={{ color: INK }}>{value}</span>;
// every chart: as wide as its column, no keyboard layer of its own (its table is the accessible
// form), room on the right for what is drawn beyond the bars
const frame = (height: number, right: number) => ({
  responsive: true,
  accessibilityLayer: false,
  style: { width: '100%', height, fontFamily: 'inherit' },
  margin: { top: 8, right, bottom: 8, left: 8 },
});

export interface Segment {
  key: string;
  label: string;
  fill: string;
  text: string; // the label's colour on that fill (4.5:1 at least)
}

export type StackedRow = { name: string } & Record<string, number | string>;

// a horizontal bar per row, split into segments, each labelled with its count
export function StackedBars({ rows, segments }: { rows: StackedRow[]; segments: Segment[] }) {
  return (
    <BarChart data={rows} layout="vertical" {...frame(rows.length * 56 + 80, 24)}>
      <XAxis type="number" allowDecimals={false} tick={TICK} />
      <YAxis type="category" dataKey="name" width={200} tick={TICK} />
      <Legend wrapperStyle={LEGEND} itemSorter={null} formatter={inInk} />
      {segments.map((segment) => (
        <Bar
          key={segment.key}
          dataKey={segment.key}
          name={segment.label}
          stackId="all"
          fill={segment.fill}
          stroke="#ffffff"
          isAnimationActive={false}
        >
          <LabelList
            dataKey={segment.key}
            position="center"
            fill={segment.text}
            style={LABEL}
            formatter={(value) => (value ? String(value) : '')}
          />
        </Bar>
      ))}
    </BarChart>
  );
}

export interface BarRow {
  name: string;
  value: number;
  label: string;
}

// a horizontal bar per row, its label (a count, or "41 of 50 (82%)") beyond its end
export function Bars({
  rows,
  fill,
  max,
  nameWidth = 160,
}: {
  rows: BarRow[];
  fill: string;
  max?: number;
  nameWidth?: number;
}) {
  return (
    <BarChart data={rows} layout="vertical" {...frame(rows.length * 48 + 48, 190)}>
      <XAxis type="number" allowDecimals={false} domain={[0, max ?? 'auto']} tick={TICK} />
      <YAxis type="category" dataKey="name" width={nameWidth} tick={TICK} />
      <Bar dataKey="value" fill={fill} minPointSize={2} isAnimationActive={false}>
        <LabelList dataKey="label" position="right" fill={INK} style={LABEL} />
      </Bar>
    </BarChart>
  );
}

export interface SeriesLine {
  key: string;
  label: string;
  stroke: string;
  dash?: string;
}

export type SeriesPoint = { at: number } & Record<string, number>;

// lines over time, told apart by their dash as well as their colour (and the legend names them)
export function Series({ points, lines }: { points: SeriesPoint[]; lines: SeriesLine[] }) {
  return (
    <LineChart data={points} {...frame(260, 48)}>
      <CartesianGrid stroke="#cecece" strokeDasharray="2 4" />
      <XAxis
        dataKey="at"
        type="number"
        scale="time"
        domain={['dataMin', 'dataMax']}
        tickFormatter={(at: number) => clockTime(at)}
        minTickGap={24}
        tick={TICK}
      />
      <YAxis allowDecimals={false} width={48} tick={TICK} />
      <Legend wrapperStyle={LEGEND} itemSorter={null} formatter={inInk} />
      {lines.map((line) => (
        <Line
          key={line.key}
          dataKey={line.key}
          name={line.label}
          type="stepAfter"
          stroke={line.stroke}
          strokeWidth={3}
          strokeDasharray={line.dash}
          dot={false}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );
}
