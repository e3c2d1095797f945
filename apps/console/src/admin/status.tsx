import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ApiFailure } from '../api';
import { client, unwrap, type Schema } from '../api-client';
import { Page } from '../layout';
import { ChainCheck } from './chain-check';
import { clockTime } from './format';

// a database the api cannot reach answers 503 with the same body
const health = () =>
  unwrap(client.GET('/api/health')).catch((error: unknown): Schema<'HealthDto'> => {
    if (error instanceof ApiFailure && error.error.status === 503)
      return { status: 'error', database: 'down' };
    throw error;
  });

// CONSOLE.md A1: is the service up, is the audit chain whole, and the way to each admin task
export function ServiceStatus() {
  const status = useQuery({ queryKey: ['health'], queryFn: health });
  const up = status.data?.status === 'ok';
  return (
    <Page title="Service status">
      <h1 className="govuk-heading-l">Service status</h1>
      <dl className="govuk-summary-list" data-testid="service-status">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Service</dt>
          <dd className="govuk-summary-list__value">
            {status.isPending && 'Checking…'}
            {status.isError && 'Not answering'}
            {status.data &&
              (up ? (
                <strong className="govuk-tag">Up</strong>
              ) : (
                <strong className="govuk-tag govuk-tag--magenta">Not working</strong>
              ))}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Database</dt>
          <dd className="govuk-summary-list__value">
            {status.data &&
              (status.data.database === 'up' ? (
                <strong className="govuk-tag">Up</strong>
              ) : (
                <strong className="govuk-tag govuk-tag--magenta">Down</strong>
              ))}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Checked at</dt>
          <dd className="govuk-summary-list__value">
            {status.dataUpdatedAt > 0 ? clockTime(status.dataUpdatedAt) : ''}
          </dd>
        </div>
      </dl>
      <button
        type="button"
        className="govuk-button govuk-button--secondary"
        disabled={status.isFetching}
        aria-disabled={status.isFetching}
        onClick={() => void status.refetch()}
      >
        Check the service again
      </button>

      <h2 className="govuk-heading-m">Audit chain</h2>
      <p className="govuk-body">Recompute every audit entry’s hash and its link to the entry before it.</p>
      <ChainCheck />

      <h2 className="govuk-heading-m">Manage</h2>
      <ul className="govuk-list">
        <li>
          <Link to="/admin/users" className="govuk-link">
            People’s accounts
          </Link>
        </li>
        <li>
          <Link to="/admin/agencies" className="govuk-link">
            Agencies
          </Link>
        </li>
        <li>
          <Link to="/admin/clients" className="govuk-link">
            API clients for partner systems
          </Link>
        </li>
      </ul>

      <h2 className="govuk-heading-m">See also</h2>
      <ul className="govuk-list">
        <li>
          <Link to="/audit" className="govuk-link">
            Audit trail
          </Link>
        </li>
        <li>
          <Link to="/dashboard" className="govuk-link">
            Timeliness dashboard
          </Link>
        </li>
        <li>
          <a href="/api/docs" className="govuk-link">
            API documentation
          </a>
        </li>
      </ul>
    </Page>
  );
}
