import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { client, unwrap, type Schema } from '../api-client';
import { FormPage } from '../admin/common';
import { useApiForm } from '../admin/forms';
import { NotFound, Page } from '../layout';
import { useNow } from '../live';
import { useSession } from '../session';
import { SummaryList, Submit, TextArea, when } from '../ui';
import { DueLine } from './requests-section';
import { chasesWords, isStaffRequest, REASON_MAX } from './words';

interface Values {
  note: string;
}

export const requestKey = (id: string) => ['information-request', id] as const;

// issue 18: who asked, or a manager, chases an agency that has not answered yet, with a note of
// how (a call, an email) if they like; the chase is recorded and the agency's queue shows it
export function ChaseRequest() {
  const { id = '' } = useParams();
  const { me } = useSession();
  const now = useNow();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const request = useQuery({
    queryKey: requestKey(id),
    queryFn: () => unwrap(client.GET('/api/information-requests/{id}', { params: { path: { id } } })),
  });
  const { register, errors, problems, pending, submit, form } = useApiForm<Values, Schema<'ChaseResultDto'>>({
    labels: { note: 'The note' },
    rules: {
      note: {
        maxLength: { value: REASON_MAX, message: `The note must be ${REASON_MAX} characters or fewer` },
      },
    },
    defaultValues: { note: '' },
    send: ({ note }) =>
      unwrap(
        client.POST('/api/information-requests/{id}/chase', {
          params: { path: { id } },
          body: note.trim() ? { note: note.trim() } : {},
        }),
      ),
    done: () => {
      const r = request.data;
      void queries.invalidateQueries({ queryKey: requestKey(id) });
      if (r && isStaffRequest(r)) {
        void queries.invalidateQueries({ queryKey: ['contact', r.contactId] });
        void navigate(`/contacts/${r.contactId}`, { state: { banner: `${r.agencyName} chased` } });
      }
    },
  });
  const note = form.watch('note');
  if (request.error) return <NotFound />;
  if (!request.data) {
    return (
      <Page title="Chase a request">
        <p className="govuk-body">Loading the request…</p>
      </Page>
    );
  }
  const r = request.data;
  if (!isStaffRequest(r)) return <NotFound />;
  const name = `${r.child.firstName} ${r.child.lastName}`;
  const mayChase = me?.user.role === 'MANAGER' || r.requestedBy.id === me?.user.id;
  return (
    <FormPage
      title={`Chase ${r.agencyName}`}
      caption={`${name} – contact ${r.reference}`}
      back={{ to: `/contacts/${r.contactId}`, label: `${name}’s contact` }}
      problems={problems}
    >
      <SummaryList
        rows={[
          ['Asked', `${when(r.requestedAt)} by ${r.requestedBy.name}`],
          ['Due', <DueLine key="due" request={r} now={now} prefix={false} />],
          ['Questions', <span className="fd-preserve-lines">{r.questions}</span>],
          ['Chased', chasesWords(r.chases.length)],
        ]}
      />
      {r.status !== 'OPEN' ? (
        <p className="govuk-body" data-testid="chase-closed">
          {r.agencyName} has already {r.status === 'DECLINED' ? 'declined' : 'answered'}, so there is nothing
          to chase.
        </p>
      ) : !mayChase ? (
        <p className="govuk-body">
          Only {r.requestedBy.name}, who asked, or a manager can chase this request.
        </p>
      ) : (
        <form noValidate onSubmit={(e) => void submit(e)}>
          <TextArea<Values>
            name="note"
            label="How did you chase it? (optional)"
            hint="For example, ‘Phoned the safeguarding team and left a message’"
            rows={3}
            value={note}
            register={register}
            errors={errors}
          />
          <Submit busy={pending}>Record the chase</Submit>
        </form>
      )}
    </FormPage>
  );
}
