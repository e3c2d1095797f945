import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useForm, type UseFormRegister } from 'react-hook-form';
import { Link, useSearchParams } from 'react-router';
import { ChainCheck } from '../admin/chain-check';
import { ShowOlder, TableHead } from '../admin/common';
import { dateTime, dayStartAt } from '../admin/format';
import { serverProblems } from '../admin/forms';
import { client, unwrap, type Schema } from '../api-client';
import { ErrorSummary, type FieldProblem } from '../error-summary';
import { Page, ROLE_NAMES } from '../layout';
import { Input, problemsOf, Submit, words } from '../ui';

interface Filters {
  entityId: string;
  actorId: string;
  from: string; // YYYY-MM-DD, a London day, inclusive
  to: string; // YYYY-MM-DD, a London day, inclusive
}
const FIELDS = ['entityId', 'actorId', 'from', 'to'] as const;
const LABELS: Record<keyof Filters, string> = {
  entityId: 'Record ID',
  actorId: 'Actor ID',
  from: 'From',
  to: 'To',
};
// the record and the actor side by side, then the two days
const FILTER_FIELDS: { name: keyof Filters; hint: string; type?: string; column: string }[] = [
  { name: 'entityId', hint: 'The ID of a contact, child, user or other record', column: 'one-half' },
  { name: 'actorId', hint: 'The user ID of the person or system that acted', column: 'one-half' },
  { name: 'from', hint: 'The first day to include', type: 'date', column: 'one-quarter' },
  { name: 'to', hint: 'The last day to include', type: 'date', column: 'one-quarter' },
];

// the filters as GET /api/audit takes them: days become the instants London's days start
// (`to` is exclusive there, so the day after the last one asked for)
function search(filters: Filters, before: string | undefined) {
  const query = {
    entityId: filters.entityId || undefined,
    actorId: filters.actorId || undefined,
    from: filters.from ? dayStartAt(filters.from) : undefined,
    to: filters.to ? dayStartAt(filters.to, 1) : undefined,
    before,
  };
  return unwrap(client.GET('/api/audit', { params: { query } }));
}

function detailText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function EntryRow({ entry }: { entry: Schema<'AuditEntryDto'> }) {
  const details = Object.entries(entry.details ?? {});
  return (
    <tr className="govuk-table__row" data-entry={entry.id} data-action={entry.action}>
      <td className="govuk-table__cell">
        <time dateTime={entry.occurredAt}>{dateTime(entry.occurredAt)}</time>
      </td>
      <td className="govuk-table__cell">
        {entry.actor.role
          ? (ROLE_NAMES[entry.actor.role] ?? words(entry.actor.role.toUpperCase()))
          : 'The service'}
        {entry.actor.id && (
          <>
            <br />
            <Link
              to={`/audit?actorId=${encodeURIComponent(entry.actor.id)}`}
              className="govuk-link govuk-body-s govuk-!-text-break-word"
            >
              {entry.actor.id}
              <span className="govuk-visually-hidden"> (every entry of this actor)</span>
            </Link>
          </>
        )}
      </td>
      <td className="govuk-table__cell">
        {words(entry.action)}
        <br />
        <code className="govuk-body-s">{entry.action}</code>
      </td>
      <td className="govuk-table__cell">
        {words(entry.entityType.toUpperCase())}
        {entry.entityId && (
          <>
            <br />
            <Link
              to={`/audit?entityId=${encodeURIComponent(entry.entityId)}`}
              className="govuk-link govuk-body-s govuk-!-text-break-word"
            >
              {entry.entityId}
              <span className="govuk-visually-hidden"> (every entry about this record)</span>
            </Link>
          </>
        )}
      </td>
      <td className="govuk-table__cell">
        <details className="govuk-details govuk-!-margin-bottom-0">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Entry {entry.id}</span>
          </summary>
          <div className="govuk-details__text">
            <dl className="govuk-summary-list govuk-summary-list--no-border govuk-!-font-size-16">
              {details.map(([key, value]) => (
                <div className="govuk-summary-list__row" key={key}>
                  <dt className="govuk-summary-list__key">{key}</dt>
                  <dd className="govuk-summary-list__value govuk-!-text-break-word">{detailText(value)}</dd>
                </div>
              ))}
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Correlation ID</dt>
                <dd className="govuk-summary-list__value govuk-!-text-break-word">
                  {entry.correlationId ?? 'None'}
                </dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Hash</dt>
                <dd className="govuk-summary-list__value govuk-!-text-break-word">
                  {entry.hash ?? 'Not chained yet: the service chains each entry within about a second'}
                </dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Place in the chain</dt>
                <dd className="govuk-summary-list__value">{entry.chainSeq ?? 'Not yet'}</dd>
              </div>
            </dl>
          </div>
        </details>
      </td>
    </tr>
  );
}

// CONSOLE.md M5: the audit trail, searched by record, actor and London days, newest first, and
// the chain check
export function AuditTrail() {
  const [params, setParams] = useSearchParams();
  const filters: Filters = useMemo(
    () => ({
      entityId: params.get('entityId') ?? '',
      actorId: params.get('actorId') ?? '',
      from: params.get('from') ?? '',
      to: params.get('to') ?? '',
    }),
    [params],
  );
  // the fields follow the address (a link to an actor's or a record's entries, back and forward)
  const form = useForm<Filters>({ values: filters, shouldFocusError: false });
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const results = useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => search(filters, pageParam),
    getNextPageParam: (last) => last.nextBefore,
  });
  // the api's answer to a search it refused: each problem on its field, and in the summary
  useEffect(() => {
    if (results.error) setProblems(serverProblems(results.error, form, LABELS));
  }, [results.error, form]);

  // the one rule the console checks itself: a range that ends before it starts
  const register = ((name: keyof Filters) =>
    form.register(
      name,
      name === 'to'
        ? {
            validate: (to, values) =>
              !to || !values.from || to >= values.from || 'To must be the same day as From or after it',
          }
        : undefined,
    )) as UseFormRegister<Filters>;
  const submit = form.handleSubmit(
    (values) => {
      setProblems([]);
      const next = new URLSearchParams();
      for (const name of FIELDS) if (values[name].trim()) next.set(name, values[name].trim());
      if (next.toString() === params.toString()) void results.refetch();
      else setParams(next);
    },
    (errors) => setProblems(problemsOf(errors)),
  );

  const entries = results.data?.pages.flatMap((page) => page.items) ?? [];
  const searched = FIELDS.some((name) => filters[name]);
  const errors = form.formState.errors;

  return (
    <Page title="Audit trail" error={problems.length > 0} wide>
      <ErrorSummary problems={problems} />
      <h1 className="govuk-heading-l">Audit trail</h1>
      <p className="govuk-body">
        Every read of a child’s record and every change is recorded here, newest first. Each entry is chained
        to the one before it, so a changed or missing entry shows when the chain is checked.
      </p>
      <ChainCheck />

      <h2 className="govuk-heading-m">Search the audit trail</h2>
      <form noValidate onSubmit={(e) => void submit(e)} data-testid="audit-filters">
        {[FILTER_FIELDS.slice(0, 2), FILTER_FIELDS.slice(2)].map((row) => (
          <div className="govuk-grid-row" key={row[0].name}>
            {row.map((field) => (
              <div className={`govuk-grid-column-${field.column}`} key={field.name}>
                <Input
                  name={field.name}
                  label={LABELS[field.name]}
                  hint={field.hint}
                  type={field.type}
                  register={register}
                  errors={errors}
                />
              </div>
            ))}
          </div>
        ))}
        <Submit busy={results.isFetching}>Search</Submit>
      </form>

      {results.isPending && <p className="govuk-body">Searching…</p>}
      {results.isSuccess && (
        <table className="govuk-table" data-testid="audit-results">
          <caption className="govuk-table__caption govuk-table__caption--m">
            {entries.length === 0
              ? 'No entries match'
              : `${entries.length}${results.hasNextPage ? ' newest' : ''} ${entries.length === 1 ? 'entry' : 'entries'}${searched ? ' matching' : ''}`}
          </caption>
          <TableHead columns={['Time', 'Actor', 'Action', 'Record', 'Details']} />
          <tbody className="govuk-table__body">
            {entries.map((entry) => (
              <EntryRow entry={entry} key={entry.id} />
            ))}
          </tbody>
        </table>
      )}
      <ShowOlder list={results}>Show older entries</ShowOlder>
    </Page>
  );
}
