import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { TableHead, WarningText } from '../admin/common';
import { count, ratioText, type Ratio } from '../admin/format';
import { ApiFailure } from '../api';
import { client, unwrap, type Schema } from '../api-client';
import { DateInput, dateOf, NO_DATE, type DateParts } from '../date-input';
import { ErrorSummary, ProblemSummary } from '../error-summary';
import { Page } from '../layout';
import { BoomerangTrend, QualityAudits } from './audit-figures';
import { numeric, Scrolling } from './figures';
import { OUTCOME_WORDS, problemsOf, words } from '../ui';

type Consistency = Schema<'ConsistencyDto'>;
type RagMix = Schema<'RagMixDto'>;
type BoomerangFigures = Schema<'BoomerangFiguresDto'>;
type BoomerangRate = Schema<'BoomerangRateDto'>;
type Period = { from?: string; to?: string };
type PeriodForm = { from: DateParts; to: DateParts };

const points = (n: number) =>
  `${n > 0 ? '+' : ''}${n.toLocaleString('en-GB', { maximumFractionDigits: 1 })} points`;
const day = (date: string) =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));

// "no further action, information and advice or early help"
function inWords(outcomes: string[]): string {
  const named = outcomes.map((o) => (OUTCOME_WORDS[o] ?? words(o)).toLowerCase());
  return named.length < 2 ? named.join('') : `${named.slice(0, -1).join(', ')} or ${named[named.length - 1]}`;
}

// RED and AMBER together: the decisions the NFA comparison is about
function urgent(byRag: RagMix[]) {
  const [red, amber] = byRag;
  const nfa = (m: RagMix) => m.outcomes.find((o) => o.outcome === 'NFA')?.count ?? 0;
  return {
    decisions: red.decisions + amber.decisions,
    nfa: nfa(red) + nfa(amber),
    overrides: red.overrides.numerator + amber.overrides.numerator,
    rejections: red.rejections + amber.rejections,
  };
}

function NfaRow({ user, name, byRag, nfa }: { user?: string; name: string; byRag: RagMix[]; nfa: Ratio }) {
  const urgentOnly = urgent(byRag);
  return (
    <tr className="govuk-table__row" data-user={user}>
      <th scope="row" className="govuk-table__header">
        {name}
      </th>
      <td className={numeric}>{count(urgentOnly.decisions)}</td>
      <td className={numeric}>{ratioText(nfa, 'None')}</td>
      <td className={numeric}>{count(urgentOnly.overrides)}</td>
      <td className={numeric}>{count(urgentOnly.rejections)}</td>
    </tr>
  );
}

function NfaTable({ figures }: { figures: Consistency }) {
  const title = 'NFA on RED and AMBER contacts, by screener';
  return (
    <Scrolling label={title}>
      <table className="govuk-table" data-testid="nfa-by-screener">
        <caption className="govuk-table__caption govuk-table__caption--m">{title}</caption>
        <TableHead
          columns={[
            'Screener',
            { label: 'RED and AMBER decisions', numeric: true },
            { label: 'Closed with NFA', numeric: true },
            { label: 'Overrides', numeric: true },
            { label: 'Rejected by a manager', numeric: true },
          ]}
        />
        <tbody className="govuk-table__body">
          {figures.screeners.map((s) => (
            <NfaRow key={s.userId} user={s.userId} name={s.name} byRag={s.byRag} nfa={s.nfaOnRedAmber} />
          ))}
          <NfaRow name="The whole team" byRag={figures.team} nfa={figures.teamNfaOnRedAmber} />
        </tbody>
      </table>
    </Scrolling>
  );
}

function OutcomeTable({ team }: { team: RagMix[] }) {
  const title = 'The team’s outcomes by rating';
  const outcomes = team[0].outcomes.map((o) => o.outcome);
  return (
    <Scrolling label={title}>
      <table className="govuk-table" data-testid="outcomes-by-rag">
        <caption className="govuk-table__caption govuk-table__caption--m">{title}</caption>
        <TableHead
          columns={[
            'Rating',
            { label: 'Decisions', numeric: true },
            ...outcomes.map((o) => ({ label: OUTCOME_WORDS[o] ?? words(o), numeric: true })),
          ]}
        />
        <tbody className="govuk-table__body">
          {team.map((mix) => (
            <tr className="govuk-table__row" key={mix.rag}>
              <th scope="row" className="govuk-table__header">
                {mix.rag}
              </th>
              <td className={numeric}>{count(mix.decisions)}</td>
              {mix.outcomes.map((o) => (
                <td className={numeric} key={o.outcome}>
                  {ratioText(o.share, '0')}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Scrolling>
  );
}

function BoomerangTable({
  title,
  first,
  rows,
  testId,
}: {
  title: string;
  first: string;
  rows: BoomerangRate[];
  testId: string;
}) {
  return (
    <Scrolling label={title}>
      <table className="govuk-table" data-testid={testId}>
        <caption className="govuk-table__caption govuk-table__caption--s">{title}</caption>
        <TableHead
          columns={[
            first,
            { label: 'Came back within the window', numeric: true },
            { label: 'Still inside the window', numeric: true },
          ]}
        />
        <tbody className="govuk-table__body">
          {rows.map((r) => (
            <tr className="govuk-table__row" key={r.key ?? r.label}>
              <th scope="row" className="govuk-table__header">
                {OUTCOME_WORDS[r.label] ?? r.label}
              </th>
              <td className={numeric}>{ratioText(r.rate, 'No closures')}</td>
              <td className={numeric}>{count(r.stillInWindow)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scrolling>
  );
}

function Boomerangs({ name, figures }: { name: string; figures: BoomerangFigures }) {
  return (
    <>
      <h3 className="govuk-heading-m">{name}</h3>
      <p className="govuk-body" data-testid={`boomerangs-${name === 'Last 3 months' ? '3' : '12'}`}>
        {figures.all.rate.denominator === 0
          ? 'No contact was closed at the front door in these months.'
          : `${ratioText(figures.all.rate)} of the contacts closed came back; ${count(figures.all.stillInWindow)} closed too recently to tell.`}
      </p>
      {figures.all.rate.denominator > 0 && (
        <>
          <BoomerangTable
            title={`${name}: by screener`}
            first="Screener"
            rows={figures.byScreener}
            testId="boomerangs-by-screener"
          />
          <BoomerangTable
            title={`${name}: by outcome`}
            first="Outcome"
            rows={figures.byOutcome}
            testId="boomerangs-by-outcome"
          />
          <BoomerangTable
            title={`${name}: by referring agency`}
            first="Agency"
            rows={figures.byAgency}
            testId="boomerangs-by-agency"
          />
        </>
      )}
    </>
  );
}

function Figures({ figures }: { figures: Consistency }) {
  const { rule, boomerangs } = figures;
  const margin = Math.round(rule.nfaShareMargin * 100);
  return (
    <>
      <h2 className="govuk-heading-l">
        {day(figures.from)} to {day(figures.to)}
      </h2>
      <section aria-labelledby="differs" data-testid="flagged">
        <h2 className="govuk-heading-m" id="differs">
          Screeners who differ from the rest of the team
        </h2>
        {figures.flagged.length === 0 ? (
          <p className="govuk-body">
            No screener’s share of NFA on RED and AMBER contacts differs from the rest of the team’s by more
            than {margin} points, among those with at least {rule.minimumDecisions} such decisions.
          </p>
        ) : (
          figures.flagged.map((f) => (
            <WarningText key={f.userId}>
              {f.name}: {ratioText(f.nfaOnRedAmber)} of their RED and AMBER contacts closed with NFA, against{' '}
              {ratioText(f.restOfTeam)} for the rest of the team ({points(f.differencePoints)}). Look at the
              decisions behind the figures before drawing a conclusion.
            </WarningText>
          ))
        )}
      </section>
      <NfaTable figures={figures} />
      <OutcomeTable team={figures.team} />
      <QualityAudits audits={figures.audits} />
      <section aria-labelledby="boomerangs">
        <h2 className="govuk-heading-l" id="boomerangs">
          Children back within {boomerangs.windowDays} days of a closure
        </h2>
        <p className="govuk-body">
          Contacts closed with {inWords(boomerangs.outcomes)} whose child came back within{' '}
          {boomerangs.windowDays} days. The months end with {day(figures.to)}.
        </p>
        <BoomerangTrend months={figures.boomerangTrend} windowDays={boomerangs.windowDays} />
        <Boomerangs name="Last 3 months" figures={boomerangs.last3Months} />
        <Boomerangs name="Last 12 months" figures={boomerangs.last12Months} />
      </section>
    </>
  );
}

// issue 21: whether thresholds are applied alike, for managers: who closes RED and AMBER
// contacts with NFA more or less often than the rest of the team, what the dip-sample audits of
// the period's draws found (item 4), and which children came back, month by month too
export function ConsistencyPage() {
  const [period, setPeriod] = useState<Period>({});
  const form = useForm<PeriodForm>({ defaultValues: { from: NO_DATE, to: NO_DATE } });
  const figures = useQuery({
    queryKey: ['metrics', 'consistency', period.from ?? '', period.to ?? ''],
    queryFn: () => unwrap(client.GET('/api/metrics/consistency', { params: { query: period } })),
  });
  const failure = figures.error;
  const serverField =
    failure instanceof ApiFailure && failure.error.status === 400 ? failure.error.details?.[0] : undefined;
  const problems = problemsOf(form.formState.errors);
  const show = form.handleSubmit((values) => {
    const blank = (p: DateParts) => !p.day && !p.month && !p.year;
    const from = blank(values.from) ? undefined : dateOf(values.from);
    const to = blank(values.to) ? undefined : dateOf(values.to);
    let wrong = false;
    if (!blank(values.from) && !from) {
      form.setError('from.day', { message: 'The start of the period must be a real date' });
      wrong = true;
    }
    if (!blank(values.to) && !to) {
      form.setError('to.day', { message: 'The end of the period must be a real date' });
      wrong = true;
    }
    if (!wrong && from && to && from > to) {
      form.setError('from.day', { message: 'The start of the period must be on or before its end' });
      wrong = true;
    }
    if (!wrong) setPeriod({ from, to });
  });
  return (
    <Page title="Thresholds applied consistently" error={problems.length > 0 || !!serverField} wide>
      <ErrorSummary problems={problems} />
      <h1 className="govuk-heading-xl">Thresholds applied consistently</h1>
      <form noValidate onSubmit={(event) => void show(event)}>
        <DateInput<PeriodForm>
          name="from"
          legend="From"
          hint="The first day of the period. Leave it empty for the 90 days to the end."
          register={form.register}
          errors={form.formState.errors}
        />
        <DateInput<PeriodForm>
          name="to"
          legend="To"
          hint="The last day of the period, included. Leave it empty for today."
          register={form.register}
          errors={form.formState.errors}
        />
        <button type="submit" className="govuk-button" data-module="govuk-button">
          Show the figures
        </button>
      </form>
      <ProblemSummary
        problem={
          serverField
            ? `The ${serverField.field === 'from' ? 'start' : 'end'} of the period ${serverField.message}`
            : failure
              ? 'The figures could not be read. Try again.'
              : undefined
        }
      />
      {figures.isPending && <p className="govuk-body">Reading the decisions…</p>}
      {figures.data && <Figures figures={figures.data} />}
    </Page>
  );
}
