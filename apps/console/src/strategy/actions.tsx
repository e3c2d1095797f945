import { useMutation } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { ApiFailure } from '../api';
import { client, unwrap } from '../api-client';
import { dateOf, partsOfInstant } from '../date-input';
import { ErrorSummary } from '../error-summary';
import { useErrorInTitle } from '../layout';
import {
  applyServerErrors,
  dateOnly,
  problemsOf,
  Submit,
  SummaryList,
  TextArea,
  useSingleFlight,
  when,
} from '../ui';
import { AGENCY_WORDS, type Discussion, type RecordedAction } from './words';

const NOTE_MIN = 2; // CompleteActionDto: 2 to 2000 characters
const NOTE_MAX = 2000;

// decision 0023: the current record's actions, each done or not; "Mark as done" opens a note
// form under it (one at a time), and a done action says who marked it, when, and what was done
export function ActionsDone({
  discussion,
  staffName,
  open,
  onOpen,
  reload,
  onDone,
}: {
  discussion: Discussion;
  staffName: (id: string) => string;
  open: string | undefined;
  onOpen(actionId: string | undefined): void;
  reload(): Promise<void>;
  onDone(action: RecordedAction): Promise<void>;
}) {
  const actions = discussion.record?.actions ?? [];
  if (actions.length === 0) return null;
  const done = actions.filter((a) => a.completion).length;
  const today = dateOf(partsOfInstant(new Date().toISOString())) ?? '';
  return (
    <section data-testid="actions" aria-labelledby="actions-heading">
      <h2 className="govuk-heading-m" id="actions-heading">
        Actions
      </h2>
      <p className="govuk-body" data-testid="actions-done">
        {done} of {actions.length} {actions.length === 1 ? 'action' : 'actions'} done.
      </p>
      {actions.map((action) => {
        const overdue = !action.completion && action.dueDate.slice(0, 10) < today;
        return (
          <div className="govuk-summary-card" key={action.id} data-testid="action">
            <div className="govuk-summary-card__title-wrapper">
              <h3 className="govuk-summary-card__title">{action.description}</h3>
            </div>
            <div className="govuk-summary-card__content">
              <SummaryList
                rows={[
                  ['Owner', AGENCY_WORDS[action.ownerAgency] ?? action.ownerAgency],
                  ['Due', dateOnly(action.dueDate)],
                  [
                    'Status',
                    <span data-testid="action-status">
                      {action.completion ? (
                        'Done'
                      ) : overdue ? (
                        <strong className="govuk-tag govuk-tag--magenta">Overdue</strong>
                      ) : (
                        <strong className="govuk-tag">Not done</strong>
                      )}
                    </span>,
                  ],
                  ...(action.completion
                    ? ([
                        [
                          'Done by',
                          <span data-testid="action-done-by">
                            {staffName(action.completion.completedBy)},{' '}
                            <time dateTime={action.completion.completedAt}>
                              {when(action.completion.completedAt)}
                            </time>
                          </span>,
                        ],
                        [
                          'What was done',
                          <span className="fd-preserve-lines" data-testid="action-note">
                            {action.completion.note}
                          </span>,
                        ],
                      ] as [string, ReactNode][])
                    : []),
                ]}
              />
              {!action.completion &&
                (open === action.id ? (
                  <CompleteForm
                    discussionId={discussion.id}
                    action={action}
                    onCancel={() => onOpen(undefined)}
                    reload={reload}
                    onDone={() => onDone(action)}
                  />
                ) : (
                  <button
                    type="button"
                    className="govuk-button govuk-button--secondary govuk-!-margin-top-4 govuk-!-margin-bottom-0"
                    onClick={() => onOpen(action.id)}
                  >
                    Mark as done<span className="govuk-visually-hidden">: {action.description}</span>
                  </button>
                ))}
            </div>
          </div>
        );
      })}
    </section>
  );
}

function CompleteForm({
  discussionId,
  action,
  onCancel,
  reload,
  onDone,
}: {
  discussionId: string;
  action: RecordedAction;
  onCancel(): void;
  reload(): Promise<void>;
  onDone(): Promise<void>;
}) {
  const once = useSingleFlight();
  const { register, formState, watch, setError, clearErrors, handleSubmit } = useForm<{ note: string }>({
    defaultValues: { note: '' },
  });
  const problems = problemsOf(formState.errors);
  useErrorInTitle(problems.length > 0);
  // the form opens where the button was: focus goes to its question
  useEffect(() => {
    document.getElementById('note')?.focus();
  }, []);
  const complete = useMutation({
    mutationFn: (note: string) =>
      unwrap(
        client.POST('/api/strategy-discussions/{id}/actions/{actionId}/complete', {
          params: { path: { id: discussionId, actionId: action.id } },
          body: { note },
        }),
      ),
    onSuccess: () => onDone(),
    onError: async (error) => {
      // marked done by someone else since this page read it: their note is shown once read again
      if (error instanceof ApiFailure && (error.error.status === 409 || error.error.status === 404)) {
        setError('root', {
          type: 'server',
          message:
            error.error.status === 409
              ? 'Someone else marked this action done while you were writing. Their note is shown above.'
              : 'This action is no longer on the current record: the record was amended. Read it again.',
        });
        await reload();
        return;
      }
      const rest = applyServerErrors(error, setError, ['note'], () => 'What was done');
      if (rest) setError('root', { type: 'server', message: rest });
    },
  });
  return (
    <form
      noValidate
      className="fd-action-done"
      aria-label={`Mark as done: ${action.description}`}
      onSubmit={handleSubmit(({ note }) => {
        clearErrors();
        const length = Array.from(note.trim()).length;
        if (length < NOTE_MIN) {
          setError('note', {
            type: 'client',
            message:
              length === 0 ? 'Enter what was done' : `What was done must be at least ${NOTE_MIN} characters`,
          });
          return;
        }
        if (length > NOTE_MAX) {
          setError('note', {
            type: 'client',
            message: `What was done must be ${NOTE_MAX} characters or fewer; you have ${length}`,
          });
          return;
        }
        once(() => complete.mutateAsync(note.trim()));
      })}
    >
      <ErrorSummary problems={problems} />
      <TextArea<{ note: string }>
        name="note"
        label="What was done?"
        labelClass="govuk-label--s"
        hint="For example, who was seen and what was agreed. Everyone who reads the discussion sees this."
        register={register}
        errors={formState.errors}
        rows={3}
        minLength={NOTE_MIN}
        value={watch('note')}
      />
      <div className="govuk-button-group">
        <Submit busy={complete.isPending}>Mark as done</Submit>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
