import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import { client, unwrap } from '../api-client';
import { isStaffView, useContact } from '../contact-data';
import { ErrorSummary } from '../error-summary';
import { NotFound, Page } from '../layout';
import { applyServerErrors, problemsOf, Radios, Submit, TextArea, useSingleFlight, when } from '../ui';

interface Form {
  rag: string;
  reason: string;
}

// issue 15 screen 3: change the RAG rating, with a reason (the deadline moves with it)
export function ChangeRag() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const contact = useContact(id);
  const current = contact.data && isStaffView(contact.data) ? contact.data : undefined;
  const form = useForm<Form>({ values: { rag: current?.rag ?? '', reason: '' } });
  const { register, handleSubmit, formState, setError, watch } = form;
  const once = useSingleFlight();
  const change = useMutation({
    mutationFn: (body: Form) =>
      unwrap(
        client.POST('/api/contacts/{id}/rag', {
          params: { path: { id } },
          body: { rag: body.rag as 'RED' | 'AMBER' | 'GREEN', reason: body.reason },
        }),
      ),
    onSuccess: async (answer) => {
      await contact.reload();
      void navigate(`/contacts/${id}`, {
        state: { banner: `RAG changed to ${answer.rag}. Decision now due ${when(answer.decisionDueAt)}` },
      });
    },
    onError: (error) => {
      const rest = applyServerErrors(error, setError, ['rag', 'reason'], (f) =>
        f === 'reason' ? 'Reason' : 'RAG rating',
      );
      if (rest) setError('root', { message: rest });
    },
  });
  if (contact.error) return <NotFound />;
  if (!current) {
    return (
      <Page title="Change RAG rating">
        <p className="govuk-body">Loading…</p>
      </Page>
    );
  }
  const problems = problemsOf(formState.errors);
  return (
    <Page title="Change RAG rating" error={problems.length > 0}>
      <Link to={`/contacts/${id}`} className="govuk-back-link">
        Back to the contact
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary problems={problems} />
          <span className="govuk-caption-l">
            {current.child.firstName} {current.child.lastName}, {current.reference}
          </span>
          <h1 className="govuk-heading-l">Change RAG rating</h1>
          <form
            noValidate
            onSubmit={handleSubmit((body) => {
              if (!body.reason.trim()) {
                setError('reason', { message: 'Enter the reason for the change' });
                return;
              }
              once(() => change.mutateAsync(body));
            })}
          >
            <Radios<Form>
              name="rag"
              label="RAG rating"
              register={register}
              errors={formState.errors}
              checked={watch('rag')}
              choices={[
                { value: 'RED', label: 'RED', hint: 'The most urgent timescale' },
                { value: 'AMBER', label: 'AMBER' },
                { value: 'GREEN', label: 'GREEN' },
              ]}
              hint={`Now ${current.rag}; decision due ${when(current.decisionDueAt)}. The new deadline runs from when the contact was received.`}
            />
            <TextArea<Form>
              name="reason"
              label="Reason for the change"
              register={register}
              errors={formState.errors}
              rows={3}
            />
            <Submit busy={change.isPending}>Change RAG rating</Submit>
          </form>
        </div>
      </div>
    </Page>
  );
}
