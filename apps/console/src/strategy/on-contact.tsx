import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { client, unwrap } from '../api-client';
import type { StaffContact } from '../contact-data';
import { ErrorSummary } from '../error-summary';
import { useErrorInTitle } from '../layout';
import { useNow } from '../live';
import { useSession } from '../session';
import {
  applyServerErrors,
  Banner,
  countdown,
  problemsOf,
  Submit,
  SummaryList,
  TextArea,
  useSingleFlight,
  when,
} from '../ui';

const REASON_MIN = 10; // StartDiscussionDto: 10 to 2000 characters

// CONSOLE.md S2: the contact's strategy discussion (due, and a link to it); for a manager, a
// decided contact without one can be escalated to one, with a reason
export function StrategyOnContact({ contact, reload }: { contact: StaffContact; reload(): void }) {
  const { me } = useSession();
  const now = useNow();
  const [started, setStarted] = useState<string>();
  const discussion = contact.strategyDiscussion;
  if (discussion) {
    return (
      <section data-testid="strategy-on-contact">
        {started && (
          <Banner kind="success" title="Success" focus>
            <p className="govuk-notification-banner__heading">{started}</p>
          </Banner>
        )}
        <h2 className="govuk-heading-m">Strategy discussion</h2>
        <SummaryList
          rows={[
            [
              'Due',
              <>
                <time dateTime={discussion.dueAt}>{when(discussion.dueAt)}</time> (
                {countdown(discussion.dueAt, now)})
              </>,
            ],
            [
              'Discussion',
              <Link className="govuk-link" to={`/strategy-discussions/${discussion.id}`}>
                Open the strategy discussion
              </Link>,
            ],
          ]}
        />
      </section>
    );
  }
  if (me?.user.role !== 'MANAGER' || contact.status !== 'DECIDED') return null;
  return (
    <StartDiscussion
      contactId={contact.id}
      onStarted={(dueAt) => {
        setStarted(`Strategy discussion started. It is due ${when(dueAt)}.`);
        reload();
      }}
    />
  );
}

function StartDiscussion({ contactId, onStarted }: { contactId: string; onStarted(dueAt: string): void }) {
  const once = useSingleFlight();
  const [open, setOpen] = useState(false);
  const { register, formState, watch, setError, clearErrors, handleSubmit } = useForm<{
    reason: string;
  }>({ defaultValues: { reason: '' } });
  const problems = problemsOf(formState.errors);
  useErrorInTitle(open && problems.length > 0);
  // the form opens where the button was: focus goes to its question
  useEffect(() => {
    if (open) document.getElementById('reason')?.focus();
  }, [open]);
  const start = useMutation({
    mutationFn: (reason: string) =>
      unwrap(
        client.POST('/api/contacts/{id}/strategy-discussion', {
          params: { path: { id: contactId } },
          body: { reason },
        }),
      ),
    onSuccess: (answer) => onStarted(answer.dueAt),
    onError: (error) => {
      const rest = applyServerErrors(error, setError, ['reason'], () => 'The reason');
      if (rest) setError('root', { type: 'server', message: rest });
    },
  });
  return (
    <section data-testid="strategy-on-contact">
      <h2 className="govuk-heading-m">Strategy discussion</h2>
      <p className="govuk-body">This contact has no strategy discussion.</p>
      {!open ? (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setOpen(true)}>
          Start strategy discussion
        </button>
      ) : (
        <form
          noValidate
          onSubmit={handleSubmit(({ reason }) => {
            clearErrors();
            if (Array.from(reason.trim()).length < REASON_MIN) {
              setError('reason', {
                type: 'client',
                message: `Enter why this child needs a strategy discussion now (at least ${REASON_MIN} characters)`,
              });
              return;
            }
            once(() => start.mutateAsync(reason.trim()));
          })}
        >
          <ErrorSummary problems={problems} />
          <TextArea<{ reason: string }>
            name="reason"
            label="Why does this child need a strategy discussion now?"
            labelClass="govuk-label--s"
            hint="For example, new information since the decision. Managers and inspectors read this."
            register={register}
            errors={formState.errors}
            rows={3}
            minLength={REASON_MIN}
            value={watch('reason')}
          />
          <Submit busy={start.isPending}>Start strategy discussion</Submit>
        </form>
      )}
    </section>
  );
}
