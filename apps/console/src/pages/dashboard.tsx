import { useEffect, useState } from 'react';
import { AGENCY_KINDS, TableHead } from '../admin/common';
import { clockTime, count, duration, ratioText, type Ratio } from '../admin/format';
import type { Schema } from '../api-client';
import type { Segment, SeriesPoint } from '../dashboard/charts';
import { BarsFigure, SeriesFigure, StackedFigure } from '../dashboard/figures';
import { OverdueNow } from '../dashboard/overdue-now';
import { PartnerAgencies } from '../dashboard/partners';
import { Page } from '../layout';
import { useLive } from '../live';
import { useSession } from '../session';
import { Banner, RagTag, SummaryList } from '../ui';

type ScreeningMetricsDto = Schema<'ScreeningMetricsDto'>;
type QueueFiguresDto = Schema<'QueueFiguresDto'>;

// the metrics view has figures and no items
const noOrder = () => 0;

// RED, orange and green mean RAG and nothing else (CONSOLE.md 5); the label colour on each fill
// has 4.5:1 contrast at least
const RAG: Segment[] = [
  { key: 'RED', label: 'RED', fill: '#ca3535', text: '#ffffff' },
  { key: 'AMBER', label: 'AMBER', fill: '#f47738', text: '#0b0c0c' },
  { key: 'GREEN', label: 'GREEN', fill: '#0f7a52', text: '#ffffff' },
];
// timeliness in the tag colours: due soon yellow, overdue magenta; on track the plain blue
const TIMELINESS: Segment[] = [
  { key: 'ON_TRACK', label: 'On track', fill: '#1d70b8', text: '#ffffff' },
  { key: 'DUE_SOON', label: 'Due soon', fill: '#ffdd00', text: '#0b0c0c' },
  { key: 'OVERDUE', label: 'Overdue', fill: '#ca357c', text: '#ffffff' },
];
const BLUE = '#1d70b8';
const QUEUES = [
  { key: 'screening', name: 'Screening' },
  { key: 'authorisation', name: 'Awaiting authorisation' },
] as const;

// what the "since you opened this page" chart follows
function pointOf(metrics: ScreeningMetricsDto): SeriesPoint {
  const q = metrics.queues.screening;
  return { at: Date.parse(metrics.asOf), open: q.open, overdue: q.byTimeliness.OVERDUE };
}

// the series keeps a point per change of what it shows (pushes come up to once a second)
function useSinceOpened(metrics: ScreeningMetricsDto | undefined): SeriesPoint[] {
  const [points, setPoints] = useState<SeriesPoint[]>([]);
  useEffect(() => {
    if (!metrics) return;
    const point = pointOf(metrics);
    setPoints((previous) => {
      const last = previous[previous.length - 1];
      if (last && last.open === point.open && last.overdue === point.overdue) return previous;
      return [...previous.slice(-499), point];
    });
  }, [metrics]);
  return points;
}

const oldest = (queue: QueueFiguresDto) =>
  queue.oldestItemAgeMinutes === null
    ? 'Nothing waiting'
    : `Oldest waiting ${duration(queue.oldestItemAgeMinutes)}`;

const ratioBar = (name: string, ratio: Ratio, none: string) => ({
  name,
  value: ratio.percent ?? 0,
  label: ratioText(ratio, none),
});

function Figures({ metrics, manager }: { metrics: ScreeningMetricsDto; manager: boolean }) {
  const points = useSinceOpened(metrics);
  const { queues, decidedWithinTimescale: decided } = metrics;
  return (
    <>
      <h2 className="govuk-heading-m">Right now, per queue</h2>
      <div className="govuk-grid-row">
        {QUEUES.map(({ key, name }) => (
          <div className="govuk-grid-column-one-half" key={key}>
            <p className="govuk-body govuk-!-margin-bottom-1">{name}</p>
            <p className="govuk-heading-xl govuk-!-margin-bottom-1" data-testid={`${key}-open`}>
              {count(queues[key].open)} <span className="govuk-body-l">open</span>
            </p>
            <p className="govuk-body" data-testid={`${key}-oldest`}>
              {oldest(queues[key])}
            </p>
          </div>
        ))}
      </div>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <StackedFigure
            id="by-rag"
            title="Open items by RAG rating"
            rowHeading="Queue"
            segments={RAG}
            rows={QUEUES.map(({ key, name }) => ({ name, ...queues[key].byRag }))}
          />
        </div>
        <div className="govuk-grid-column-one-half">
          <StackedFigure
            id="by-timeliness"
            title="Open items by timeliness"
            rowHeading="Queue"
            segments={TIMELINESS}
            rows={QUEUES.map(({ key, name }) => ({ name, ...queues[key].byTimeliness }))}
          />
        </div>
      </div>
      <SeriesFigure
        id="since-opened"
        title="Screening queue since you opened this page"
        points={points}
        until={Date.parse(metrics.asOf)}
        lines={[
          { key: 'open', label: 'Open', stroke: BLUE },
          { key: 'overdue', label: 'Overdue', stroke: '#ca357c', dash: '8 4' },
        ]}
      />

      {manager && <OverdueNow />}

      <h2 className="govuk-heading-m">Decisions within timescale</h2>
      <SummaryList
        rows={[
          [
            'Last 24 hours',
            <span data-testid="decided-last24h">{ratioText(decided.last24h, 'No decisions yet')}</span>,
          ],
          [
            'Last 7 days',
            <span data-testid="decided-last7d">{ratioText(decided.last7d, 'No decisions yet')}</span>,
          ],
          [
            'Last 30 days',
            <span data-testid="decided-last30d">{ratioText(decided.last30d, 'No decisions yet')}</span>,
          ],
        ]}
      />
      <BarsFigure
        id="decided"
        title="Decided within timescale (%)"
        rowHeading="Decisions made in the"
        valueHeading="Within timescale"
        fill={BLUE}
        max={100}
        rows={[
          ratioBar('Last 24 hours', decided.last24h, 'No decisions yet'),
          ratioBar('Last 7 days', decided.last7d, 'No decisions yet'),
          ratioBar('Last 30 days', decided.last30d, 'No decisions yet'),
        ]}
      />

      <h2 className="govuk-heading-m">Time to decision</h2>
      <table className="govuk-table" data-testid="median-minutes">
        <caption className="govuk-table__caption govuk-table__caption--s">
          Median time from contact to decision, last 30 days, by the contact’s RAG rating
        </caption>
        <TableHead columns={['RAG rating', 'Median time to decision']} />
        <tbody className="govuk-table__body">
          {RAG.map(({ key }) => {
            const minutes =
              metrics.medianMinutesToDecision[key as keyof ScreeningMetricsDto['medianMinutesToDecision']];
            return (
              <tr className="govuk-table__row" key={key}>
                <td className="govuk-table__cell">
                  <RagTag rag={key} />
                </td>
                <td className="govuk-table__cell">
                  {minutes === null ? 'No decisions yet' : duration(minutes)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h2 className="govuk-heading-m">Flow</h2>
      <SummaryList
        rows={[
          [
            'Contacts that became referrals (last 30 days)',
            <span data-testid="conversion">
              {ratioText(metrics.contactToReferralConversion, 'No decisions yet')}
            </span>,
          ],
          [
            'Referrals that were re-referrals (last 12 months)',
            <span data-testid="re-referrals">{ratioText(metrics.reReferralRate, 'No referrals yet')}</span>,
          ],
        ]}
      />

      <h2 className="govuk-heading-m">Domestic abuse</h2>
      <SummaryList
        rows={[
          ['Police notifications awaiting triage', count(metrics.domesticAbuse.awaitingTriage)],
          [
            'Triaged within timescale (received in the last 30 days)',
            ratioText(metrics.domesticAbuse.triagedWithinTimescale, 'None triaged yet'),
          ],
          [
            'Median time from incident to notification (last 30 days)',
            metrics.domesticAbuse.medianPoliceSubmissionDelayMinutes === null
              ? 'No notifications yet'
              : duration(metrics.domesticAbuse.medianPoliceSubmissionDelayMinutes),
          ],
          [
            'Operation Encompass school notifications sent by 08:30 (last 30 days)',
            ratioText(metrics.domesticAbuse.encompassSentOnTime, 'None due yet'),
          ],
        ]}
      />

      <h2 className="govuk-heading-m">Strategy discussions</h2>
      <SummaryList
        rows={[
          [
            'Held within timescale (last 30 days)',
            ratioText(metrics.strategy.heldWithinTimescale, 'None held yet'),
          ],
          ['Quorate (last 30 days)', ratioText(metrics.strategy.quorate, 'None held yet')],
          ['Actions past their due date', count(metrics.strategy.actionsPastDue)],
        ]}
      />
      {metrics.strategy.attendanceByAgency.length > 0 && (
        <BarsFigure
          id="attendance"
          title="Attendance by agency, last 30 days (%)"
          rowHeading="Agency"
          valueHeading="Attended of expected"
          fill={BLUE}
          max={100}
          nameWidth={240}
          rows={metrics.strategy.attendanceByAgency.map((a) =>
            ratioBar(AGENCY_KINDS[a.agency] ?? a.agency, a, 'None expected'),
          )}
        />
      )}

      <PartnerAgencies figures={metrics.informationSharing} />

      <h2 className="govuk-heading-m">Workload per screener</h2>
      {metrics.workloadPerScreener.length === 0 ? (
        <p className="govuk-body">Nobody holds a screening contact.</p>
      ) : (
        <BarsFigure
          id="workload"
          title="Open screening contacts each screener has claimed"
          rowHeading="Screener"
          valueHeading="Open contacts claimed"
          fill={BLUE}
          nameWidth={200}
          rows={metrics.workloadPerScreener.map((w) => ({
            name: w.name,
            value: w.open,
            label: count(w.open),
          }))}
          links={
            manager
              ? metrics.workloadPerScreener.map(
                  (w) => `/screening?show=claimedBy:${encodeURIComponent(w.userId)}`,
                )
              : undefined
          }
        />
      )}
    </>
  );
}

// CONSOLE.md M3: the live timeliness dashboard, from the `metrics` view (a snapshot, then
// metrics.changed at most once a second)
export function Dashboard() {
  const { me } = useSession();
  const { figures, connected, error } = useLive<{ id: string }, ScreeningMetricsDto>('metrics', noOrder);
  const manager = me?.user.role === 'MANAGER';
  return (
    <Page title="Dashboard" wide>
      <h1 className="govuk-heading-l">Timeliness dashboard</h1>
      {figures && (
        <p className="govuk-body-l" data-testid="as-of">
          Figures as of <time dateTime={figures.asOf}>{clockTime(figures.asOf)}</time> ·{' '}
          {connected ? 'Live' : 'Not live'}
        </p>
      )}
      {figures && !connected && (
        <div data-testid="offline-banner">
          <Banner title="Not live">
            <p className="govuk-notification-banner__heading">
              The connection has dropped: these figures may be out of date.
            </p>
            <p className="govuk-body">Reconnecting. The figures will update when the connection is back.</p>
          </Banner>
        </div>
      )}
      {error && (
        <p className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      {!figures && !error && <p className="govuk-body">Loading the figures…</p>}
      {figures && <Figures metrics={figures} manager={manager} />}
    </Page>
  );
}
