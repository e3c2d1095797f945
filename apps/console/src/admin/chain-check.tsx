import { useMutation } from '@tanstack/react-query';
import { client, unwrap } from '../api-client';
import { Banner } from '../ui';
import { count } from './format';
import { failureMessage } from './forms';

// "Check the audit chain" (CONSOLE.md M5, A1): GET /api/audit/verify recomputes every hash; the
// answer is a banner. A read, but one the person asks for, so it runs on the press alone
export function ChainCheck() {
  const check = useMutation({ mutationFn: () => unwrap(client.GET('/api/audit/verify')) });
  const result = check.data;
  return (
    <div data-testid="chain-check">
      {result?.ok && (
        <Banner kind="success" title="Audit chain checked">
          <p className="govuk-notification-banner__heading">
            Chain intact: {count(result.checked)} {result.checked === 1 ? 'entry' : 'entries'} checked
          </p>
          {result.unchained > 0 && (
            <p className="govuk-body">
              {count(result.unchained)} newer {result.unchained === 1 ? 'entry is' : 'entries are'} not
              chained yet: the service chains each entry within about a second of the change it records. Check
              again to include {result.unchained === 1 ? 'it' : 'them'}.
            </p>
          )}
        </Banner>
      )}
      {result && !result.ok && (
        <Banner title="Audit chain broken">
          <p className="govuk-notification-banner__heading">
            Broken at entry {result.firstBrokenId ?? 'unknown'}
          </p>
          <p className="govuk-body">
            {count(result.checked)} entries were checked. An entry’s hash or its link to the one before it
            does not match: report this to the service’s security contact.
          </p>
        </Banner>
      )}
      {check.isError && (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> The chain could not be checked:{' '}
          {failureMessage(check.error)}
        </p>
      )}
      <button
        type="button"
        className="govuk-button govuk-button--secondary"
        data-module="govuk-button"
        disabled={check.isPending}
        aria-disabled={check.isPending}
        onClick={() => check.mutate()}
      >
        Check the audit chain
      </button>
    </div>
  );
}
