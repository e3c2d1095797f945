import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiFailure } from '../api';
import { client, unwrap } from '../api-client';
import { isStaffView, useContact } from '../contact-data';
import { ErrorSummary } from '../error-summary';
import { NotFound, Page } from '../layout';
import { useSession } from '../session';
import {
  applyServerErrors,
  OUTCOME_WORDS,
  problemsOf,
  Radios,
  RagTag,
  Submit,
  SummaryList,
  TextArea,
  useSingleFlight,
  when,
} from '../ui';

interface Form {
  approve: string;
  comment: string;
}

// issue 15 screen 5: approve a decision, or return it to screening with a comment
export function Authorise() {
  const { id = '' } = useParams();
  const { me } = useSession();
  const navigate = useNavigate();
  const contact = useContact(id);
  const form = useForm<Form>({ defaultValues: { approve: '', comment: '' } });
  const { register, formState, handleSubmit, setError, watch } = form;
  const once = useSingleFlight();
  const authorise = useMutation({
    mutationFn: (body: Form) =>
      unwrap(
        client.POST('/api/contacts/{id}/decision/authorise', {
          params: { path: { id } },
          body: { approve: body.approve === 'yes', comment: body.comment.trim() || undefined },
        }),
      ),
    onSuccess: (_answer, body) => {
      void contact.reload();
      void navigate('/authorisation', {
        state: { banner: body.approve === 'yes' ? 'Decision approved' : 'Decision returned to screening' },
      });
    },
    onError: (error) => {
      if (error instanceof ApiFailure && error.error.status === 403) {
        setError('root', { message: 'You recorded this decision. Another manager must authorise it.' });
        return;
      }
      const rest = applyServerErrors(error, setError, ['approve', 'comment'], (f) =>
        f === 'comment' ? 'Comment' : '',
      );
      if (rest) setError('root', { message: rest });
    },
  });
  if (contact.error) return <NotFound />;
  if (!contact.data) {
    return (
      <Page title="Authorise a decision">
        <p className="govuk-body">Loading…</p>
      </Page>
    );
  }
  if (!isStaffView(contact.data)) return <NotFound />;
  const c = contact.data;
  const decision = c.decision;
  const problems = problemsOf(formState.errors);
  const own = decision?.decidedBy.id === me?.user.id;
  return (
    <Page title="Authorise a decision" error={problems.length > 0}>
      <Link to="/authorisation" className="govuk-back-link">
        Back to the authorisation queue
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary problems={problems} />
          <span className="govuk-caption-l">
            {c.child.firstName} {c.child.lastName}, {c.reference} <RagTag rag={c.rag} />
          </span>
          <h1 className="govuk-heading-l">Authorise a decision</h1>
          {!decision || decision.status !== 'AWAITING_AUTHORISATION' ? (
            <p className="govuk-body">No decision on this contact is awaiting authorisation.</p>
          ) : (
            <>
              <SummaryList
                rows={[
                  ['Level', String(decision.level)],
                  ['Outcome', OUTCOME_WORDS[decision.outcome] ?? decision.outcome],
                  ...(decision.overrideReason
                    ? ([['Override reason', decision.overrideReason]] as [string, string][])
                    : []),
                  ['Rationale', <span className="fd-preserve-lines">{decision.rationale}</span>],
                  ['Primary need', decision.primaryNeedCode ?? 'None'],
                  ['Assessment factors', decision.factors.length ? decision.factors.join(', ') : 'None'],
                  ['Decided', `${decision.decidedBy.name}, ${when(decision.decidedAt)}`],
                ]}
              />
              <h2 className="govuk-heading-m">Why it needs authorising</h2>
              <ul className="govuk-list govuk-list--bullet" data-testid="authorisation-reasons">
                {decision.authorisationReasons.map((r) => (
                  <li key={r.code}>{r.text}</li>
                ))}
              </ul>
              {own ? (
                <div className="govuk-inset-text" data-testid="own-decision">
                  You recorded this decision. Another manager must authorise it.
                </div>
              ) : (
                <form
                  noValidate
                  onSubmit={handleSubmit((body) => {
                    if (!body.approve)
                      return setError('approve', { message: 'Select whether to approve the decision' });
                    if (body.approve === 'no' && body.comment.trim().length < 5)
                      return setError('comment', {
                        message: 'Enter a comment for the screener (at least 5 characters)',
                      });
                    once(() => authorise.mutateAsync(body));
                  })}
                >
                  <Radios<Form>
                    name="approve"
                    label="Do you approve this decision?"
                    legendClass="govuk-fieldset__legend--m"
                    register={register}
                    errors={formState.errors}
                    checked={watch('approve')}
                    choices={[
                      { value: 'yes', label: 'Approve' },
                      { value: 'no', label: 'Return to screening', hint: 'The screener sees your comment' },
                    ]}
                  />
                  <TextArea<Form>
                    name="comment"
                    label="Comment"
                    hint="Required when returning the decision"
                    register={register}
                    errors={formState.errors}
                    rows={3}
                  />
                  <Submit busy={authorise.isPending}>Confirm</Submit>
                </form>
              )}
            </>
          )}
        </div>
      </div>
    </Page>
  );
}
