import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { client, unwrap, type Schema } from '../api-client';
import { ErrorSummary, type FieldProblem } from '../error-summary';
import { Page } from '../layout';
import { Banner } from '../ui';

// README "Accounts and administration": the kinds of agency, and the roles each takes
export const AGENCY_KINDS: Record<string, string> = {
  LA_SOCIAL_CARE: 'Local authority social care',
  POLICE: 'Police',
  EDUCATION: 'Education',
  HEALTH: 'Health',
  PROBATION: 'Probation',
  HOUSING: 'Housing',
  OTHER: 'Other',
};

// what the api accepts (the server stays the authority; this only spares a round trip)
type Role = Schema<'AdminUserViewDto'>['role'];
export function rolesFor(kind: string | undefined): Role[] {
  if (kind === 'LA_SOCIAL_CARE') return ['SCREENER', 'MANAGER', 'ADMIN'];
  if (kind === 'POLICE') return ['POLICE'];
  return kind ? ['PARTNER'] : [];
}

export const agenciesKey = ['admin', 'agencies'] as const;
export function useAgencies() {
  return useQuery({
    queryKey: agenciesKey,
    queryFn: () => unwrap(client.GET('/api/admin/agencies')),
  });
}

// a GOV.UK table's head row: a column is its heading, or a heading with numbers beneath it
export type Column = string | { label: ReactNode; numeric?: boolean };
export function TableHead({ columns }: { columns: Column[] }) {
  return (
    <thead className="govuk-table__head">
      <tr className="govuk-table__row">
        {columns.map((column, i) => {
          const { label, numeric = false } = typeof column === 'string' ? { label: column } : column;
          return (
            <th
              scope="col"
              key={i}
              className={`govuk-table__header${numeric ? ' govuk-table__header--numeric' : ''}`}
            >
              {label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

// the GOV.UK warning text (the "!" and its words)
export function WarningText({ children }: { children: ReactNode }) {
  return (
    <div className="govuk-warning-text">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        {children}
      </strong>
    </div>
  );
}

export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link to={to} className="govuk-back-link">
      {children}
    </Link>
  );
}

// an action's result, carried to the page it returns to (navigate(…, { state: { done } }))
export function DoneBanner() {
  const done = (useLocation().state as { done?: string } | null)?.done;
  if (!done) return null;
  return (
    <div data-testid="done-banner">
      <Banner kind="success" title="Success">
        <p className="govuk-notification-banner__heading">{done}</p>
      </Banner>
    </div>
  );
}

// a question page (GOV.UK): back link, the error summary, a caption, one h1, the form
export function FormPage({
  title,
  back,
  caption,
  problems,
  children,
}: {
  title: string;
  back: { to: string; label: string };
  caption?: string;
  problems: FieldProblem[];
  children: ReactNode;
}) {
  return (
    <Page title={title} error={problems.length > 0}>
      <BackLink to={back.to}>{back.label}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary problems={problems} />
          {caption && <span className="govuk-caption-l">{caption}</span>}
          <h1 className="govuk-heading-l">{title}</h1>
          {children}
        </div>
      </div>
    </Page>
  );
}

// a one-time secret (a setup code, an API client's secret) on the confirmation page that asked
// for it: the panel, the warning that it is never shown again, then where to go next
export function SecretPage({
  title,
  testId,
  secret,
  children,
}: {
  title: string;
  testId: string;
  secret: ReactNode;
  children: ReactNode;
}) {
  return (
    <Page title={title}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <div className="govuk-panel govuk-panel--confirmation" data-testid={testId}>
            <h1 className="govuk-panel__title">{title}</h1>
            <div className="govuk-panel__body">{secret}</div>
          </div>
          <WarningText>
            This is the only time it is shown. Copy it now and pass it on securely: the service keeps only a
            hash of it, so nobody can show it again.
          </WarningText>
          {children}
        </div>
      </div>
    </Page>
  );
}

// the next (older) page of a paged list: newest first, `before` the last one shown
export function ShowOlder({
  list,
  children,
}: {
  list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage(): Promise<unknown> };
  children: ReactNode;
}) {
  if (!list.hasNextPage) return null;
  return (
    <button
      type="button"
      className="govuk-button govuk-button--secondary"
      disabled={list.isFetchingNextPage}
      aria-disabled={list.isFetchingNextPage || undefined}
      onClick={() => void list.fetchNextPage()}
    >
      {children}
    </button>
  );
}

export function Loading({ query, what }: { query: { isPending: boolean; isError: boolean }; what: string }) {
  if (query.isPending) return <p className="govuk-body">Loading {what}…</p>;
  if (query.isError)
    return (
      <p className="govuk-error-message">
        <span className="govuk-visually-hidden">Error:</span> {what.charAt(0).toUpperCase() + what.slice(1)}{' '}
        could not be loaded. Try again later.
      </p>
    );
  return null;
}
