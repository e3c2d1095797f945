import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { Link, useNavigate } from 'react-router';
import { client, unwrap } from '../api-client';
import { DateInput, instantOf, onDateBoxes, partsOfInstant, type DateTimeParts } from '../date-input';
import { ErrorSummary } from '../error-summary';
import { Page } from '../layout';
import { applyServerErrors, fieldId, Input, problemsOf, Submit, useSingleFlight, when } from '../ui';
import { AGENCIES, AGENCY_WORDS, quorumInWords, sentenceStart, type Agency, type Discussion } from './words';

interface Form {
  scheduledFor: DateTimeParts;
  invited: Agency[]; // the agencies beyond the quorum (the quorum is always invited)
  names: Record<Agency, string>;
}
// the date's error is held on its first box (the api names it scheduledFor)
const FIELDS = ['scheduledFor.day', 'invitees'] as const;
const LABELS: Record<string, string> = { 'scheduledFor.day': 'The date and time', invitees: 'Invitees' };
const boxOf = (field: string) => (/^scheduledFor(\.|$)/.test(field) ? 'scheduledFor.day' : undefined);

// CONSOLE.md S8: when, and who is invited; the quorum (the discussion's requiredAgencies) always
export function ScheduleForm({
  discussion,
  childName,
  onScheduled,
}: {
  discussion: Discussion;
  childName: string;
  onScheduled(): Promise<void>;
}) {
  const navigate = useNavigate();
  const once = useSingleFlight();
  const isRequired = (agency: Agency) => discussion.requiredAgencies.includes(agency);
  const names = Object.fromEntries(
    AGENCIES.map((a) => [a, discussion.invitees.find((i) => i.agency === a)?.name ?? '']),
  ) as Record<Agency, string>;
  const form = useForm<Form & { invitees?: string }>({
    defaultValues: {
      scheduledFor: partsOfInstant(discussion.scheduledFor),
      invited: discussion.invitees.map((i) => i.agency).filter((a) => !isRequired(a)),
      names,
    },
  });
  const { register, formState, watch, setError, clearErrors, handleSubmit } = form;
  const invited = watch('invited');
  const problems = problemsOf(formState.errors);
  const schedule = useMutation({
    mutationFn: (body: { scheduledFor: string; invitees: { agency: Agency; name?: string }[] }) =>
      unwrap(
        client.POST('/api/strategy-discussions/{id}/schedule', {
          params: { path: { id: discussion.id } },
          body,
        }),
      ),
    onSuccess: async (answer) => {
      await onScheduled();
      void navigate('..', {
        relative: 'path',
        state: {
          banner: `Scheduled for ${when(answer.scheduledFor)}. Invited: ${answer.invitees
            .map((i) => AGENCY_WORDS[i.agency])
            .join(', ')}.`,
        },
      });
    },
    onError: (error) => {
      const rest = applyServerErrors(onDateBoxes(error, boxOf), setError, FIELDS, (f) => LABELS[f]);
      if (rest) setError('root', { type: 'server', message: rest });
    },
  });

  return (
    <Page title="Schedule the strategy discussion" error={problems.length > 0}>
      <Link to=".." relative="path" className="govuk-back-link">
        Back to the strategy discussion
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary problems={problems} />
          <span className="govuk-caption-l">
            {childName} · due {when(discussion.dueAt)}
          </span>
          <h1 className="govuk-heading-l">Schedule the strategy discussion</h1>
          <form
            noValidate
            onSubmit={handleSubmit((values) => {
              clearErrors();
              const scheduledFor = instantOf(values.scheduledFor);
              let ok = true;
              if (!scheduledFor) {
                setError('scheduledFor.day', {
                  type: 'client',
                  message: 'Enter a real date and a time, for example 27 3 2026 and 14:30',
                });
                ok = false;
              }
              for (const agency of AGENCIES) {
                if (values.names[agency].trim().length > 200) {
                  setError(`names.${agency}`, {
                    type: 'client',
                    message: `The name for ${AGENCY_WORDS[agency]} must be 200 characters or fewer`,
                  });
                  ok = false;
                }
              }
              if (!ok || !scheduledFor) return;
              const agencies = AGENCIES.filter((a) => isRequired(a) || values.invited.includes(a));
              once(() =>
                schedule.mutateAsync({
                  scheduledFor,
                  invitees: agencies.map((agency) => {
                    const name = values.names[agency].trim();
                    return name ? { agency, name } : { agency };
                  }),
                }),
              );
            })}
          >
            <DateInput<Form>
              name="scheduledFor"
              legend="When is it?"
              legendClass="govuk-fieldset__legend--m"
              hint="For example, 27 3 2026 and 14:30 (24-hour clock, UK time)"
              register={register}
              errors={formState.errors}
              withTime
            />
            <div
              className={`govuk-form-group${formState.errors.invitees ? ' govuk-form-group--error' : ''}`}
              id="invitees"
              tabIndex={-1}
            >
              <fieldset className="govuk-fieldset" aria-describedby="invitees-hint">
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Who is invited?</legend>
                <div id="invitees-hint" className="govuk-hint">
                  {sentenceStart(quorumInWords(discussion.requiredAgencies))} must take part: they are always
                  invited. Invite other agencies, such as the referrer’s, where relevant. Names are optional.
                </div>
                {formState.errors.invitees?.message && (
                  <p className="govuk-error-message">
                    <span className="govuk-visually-hidden">Error:</span> {formState.errors.invitees.message}
                  </p>
                )}
                <div className="govuk-checkboxes" data-module="govuk-checkboxes">
                  {AGENCIES.map((agency) => {
                    const id = fieldId(`invited.${agency}`);
                    const required = isRequired(agency);
                    const checked = required || invited.includes(agency);
                    return (
                      <div key={agency}>
                        <div className={`govuk-checkboxes__item${required ? ' fd-required-agency' : ''}`}>
                          {required ? (
                            <input
                              className="govuk-checkboxes__input"
                              id={id}
                              type="checkbox"
                              checked
                              disabled
                              readOnly
                              aria-describedby={`${id}-item-hint`}
                            />
                          ) : (
                            <input
                              className="govuk-checkboxes__input"
                              id={id}
                              type="checkbox"
                              value={agency}
                              {...register('invited')}
                            />
                          )}
                          <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                            {AGENCY_WORDS[agency]}
                          </label>
                          {required && (
                            <div id={`${id}-item-hint`} className="govuk-hint govuk-checkboxes__hint">
                              Required
                            </div>
                          )}
                        </div>
                        {checked && (
                          <div className="govuk-checkboxes__conditional">
                            <Input<Form>
                              name={`names.${agency}`}
                              label={`Who will attend for ${AGENCY_WORDS[agency]} (optional)`}
                              register={register}
                              errors={formState.errors}
                              width="20"
                            />
                          </div>
                        )}
                      </div>
                    );
                  })}
                </div>
              </fieldset>
            </div>
            <Submit busy={schedule.isPending}>Schedule the discussion</Submit>
          </form>
        </div>
      </div>
    </Page>
  );
}
