import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { client, unwrap, type Schema } from '../api-client';
import { FormPage, WarningText } from '../admin/common';
import { ReasonField, reasonRules, useApiForm } from '../admin/forms';
import { NotFound, Page } from '../layout';
import { SummaryList, Submit, when } from '../ui';
import { MERGE_REASON_MIN, movedWords } from './merges';

interface Values {
  reason: string;
}

// issue 17 item 4 (decision 0028): a manager undoes a merge into this record; the page is its own
// confirmation (what the merge did, what goes back, why), sent once
export function UnmergeChild() {
  const { id = '', duplicateId = '' } = useParams();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const kept = useQuery({
    queryKey: ['child', id],
    queryFn: () => unwrap(client.GET('/api/children/{id}', { params: { path: { id } } })),
  });
  const { register, errors, problems, pending, submit } = useApiForm<Values, Schema<'ChildUnmergeResultDto'>>(
    {
      labels: { reason: 'The reason' },
      rules: { reason: reasonRules(MERGE_REASON_MIN, 2000) },
      defaultValues: { reason: '' },
      send: ({ reason }) =>
        unwrap(
          client.POST('/api/children/{id}/unmerge', {
            params: { path: { id } },
            body: { duplicateId, reason },
          }),
        ),
      done: (result) => {
        void queries.invalidateQueries({ queryKey: ['child'] });
        void queries.invalidateQueries({ queryKey: ['child-search'] });
        void navigate(`/children/${id}`, {
          state: { done: `Merge undone: ${movedWords(result.moved)} moved back` },
        });
      },
    },
  );
  if (kept.error) return <NotFound />;
  if (!kept.data) {
    return (
      <Page title="Undo a merge">
        <p className="govuk-body">Loading the child’s record…</p>
      </Page>
    );
  }
  const k = kept.data;
  const merge = k.merges.find((m) => m.duplicate.id === duplicateId && !m.undone);
  if (!merge) return <NotFound />;
  const keptName = `${k.firstName} ${k.lastName}`;
  const duplicateName = `${merge.duplicate.firstName} ${merge.duplicate.lastName}`;
  return (
    <FormPage
      title={`Undo the merge of ${duplicateName} into this record`}
      caption={`${keptName}’s record`}
      back={{ to: `/children/${id}`, label: `${keptName}’s record` }}
      problems={problems}
    >
      <SummaryList
        rows={[
          ['Merged', `${when(merge.mergedAt)} by ${merge.mergedBy.name}`],
          ['Why', merge.reason],
          ['What moved', `${merge.rowsMoved} ${merge.rowsMoved === 1 ? 'record' : 'records'}`],
        ]}
      />
      <WarningText>
        Everything the merge moved goes back to {duplicateName}’s record, which is a record of its own again.
        Contacts recorded on {keptName}’s record since the merge stay here.
      </WarningText>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <ReasonField<Values> label="Why are these not the same child?" register={register} errors={errors} />
        <Submit busy={pending} kind="warning">
          Undo merge
        </Submit>
      </form>
    </FormPage>
  );
}
