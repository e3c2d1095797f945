import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Navigate, Route, Routes, useNavigate, useParams } from 'react-router';
import { client, unwrap, type Schema } from '../api-client';
import { FormPage, WarningText } from '../admin/common';
import { ReasonField, reasonRules, useApiForm } from '../admin/forms';
import { NotFound, Page } from '../layout';
import { dateOnly, Radios, SummaryList, Submit } from '../ui';
import { MERGE_REASON_MIN, movedWords } from './merges';

type Child = Schema<'ChildViewDto'>;
type Candidate = Schema<'ChildSearchResultDto'>['items'][number];

interface Choice {
  duplicateId: string;
  reason: string;
}

const nameOf = (c: { firstName: string; lastName: string }) => `${c.firstName} ${c.lastName}`;
const bornOf = (c: { dateOfBirth?: string | null }) =>
  c.dateOfBirth ? `born ${dateOnly(c.dateOfBirth)}` : 'date of birth not known';

// issue 17 items 4 and 8 (decision 0028): a manager merges a duplicate record into this one. The
// question page lists the records the search finds for this child's name and date of birth, with
// why each matched; the check page shows both records side by side and what will move; the merge
// is sent once, and can be undone from the kept record
export function MergeChild() {
  const { id = '' } = useParams();
  const [choice, setChoice] = useState<Choice | undefined>();
  const kept = useQuery({
    queryKey: ['child', id],
    queryFn: () => unwrap(client.GET('/api/children/{id}', { params: { path: { id } } })),
  });
  if (kept.error) return <NotFound />;
  if (!kept.data) {
    return (
      <Page title="Merge a duplicate record">
        <p className="govuk-body">Loading the child’s record…</p>
      </Page>
    );
  }
  return (
    <Routes>
      <Route index element={<ChooseDuplicate kept={kept.data} choice={choice} onChosen={setChoice} />} />
      <Route
        path="check"
        element={choice ? <CheckMerge kept={kept.data} choice={choice} /> : <Navigate to=".." replace />}
      />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

function ChooseDuplicate({
  kept,
  choice,
  onChosen,
}: {
  kept: Child;
  choice: Choice | undefined;
  onChosen: (choice: Choice) => void;
}) {
  const navigate = useNavigate();
  const name = nameOf(kept);
  const query = { name, ...(kept.dateOfBirth ? { dateOfBirth: kept.dateOfBirth } : {}) };
  const found = useQuery({
    queryKey: ['child-search', query],
    queryFn: () => unwrap(client.GET('/api/children/search', { params: { query } })),
  });
  const candidates: Candidate[] = (found.data?.items ?? []).filter((c) => c.id !== kept.id);
  const { register, errors, problems, pending, submit } = useApiForm<Choice, Choice>({
    labels: { duplicateId: 'The duplicate', reason: 'The reason' },
    rules: {
      duplicateId: { required: 'Choose the record that is a duplicate of this one' },
      reason: reasonRules(MERGE_REASON_MIN, 2000),
    },
    defaultValues: choice ?? { duplicateId: '', reason: '' },
    send: (values) => Promise.resolve(values),
    done: (values) => {
      onChosen(values);
      void navigate('check');
    },
  });
  return (
    <FormPage
      title={`Merge a duplicate into ${name}’s record`}
      caption="Child record"
      back={{ to: `/children/${kept.id}`, label: `${name}’s record` }}
      problems={problems}
    >
      <p className="govuk-body">
        Merge a record made for the same child under another spelling or date of birth. Its contacts,
        referrals and DA notifications move to this record; the other record then leads here. A merge can be
        undone.
      </p>
      <SummaryList
        rows={[
          ['This record', `${name}, ${bornOf(kept)}`],
          ['NHS number', kept.nhsNumber ?? 'Not known'],
        ]}
      />
      {found.isPending ? (
        <p className="govuk-body">Looking for records like this one…</p>
      ) : candidates.length === 0 ? (
        <p className="govuk-body" data-testid="no-duplicates">
          No other record looks like this one. Open the duplicate from Find a child, and merge it from there.
        </p>
      ) : (
        <form noValidate onSubmit={(e) => void submit(e)}>
          <Radios<Choice>
            name="duplicateId"
            label="Which record is a duplicate of this one?"
            legendClass="govuk-fieldset__legend--m"
            hint="Records the search finds for this child’s name and date of birth, best match first"
            choices={candidates.map((c) => ({
              value: c.id,
              label: `${nameOf(c)}, ${bornOf(c)}`,
              hint: `${Math.round(c.score * 100)}% match: ${c.reasons.join('; ')}`,
            }))}
            register={register}
            errors={errors}
          />
          <ReasonField<Choice> label="Why are these the same child?" register={register} errors={errors} />
          <Submit busy={pending}>Continue</Submit>
        </form>
      )}
    </FormPage>
  );
}

function CheckMerge({ kept, choice }: { kept: Child; choice: Choice }) {
  const navigate = useNavigate();
  const queries = useQueryClient();
  const duplicate = useQuery({
    queryKey: ['child', choice.duplicateId],
    queryFn: () => unwrap(client.GET('/api/children/{id}', { params: { path: { id: choice.duplicateId } } })),
  });
  const { problems, pending, submit } = useApiForm<Choice, Schema<'ChildMergeResultDto'>>({
    labels: { duplicateId: 'The duplicate', reason: 'The reason' },
    defaultValues: choice,
    send: () =>
      unwrap(
        client.POST('/api/children/{id}/merge', {
          params: { path: { id: kept.id } },
          body: { duplicateId: choice.duplicateId, reason: choice.reason },
        }),
      ),
    done: (result) => {
      void queries.invalidateQueries({ queryKey: ['child'] });
      void queries.invalidateQueries({ queryKey: ['child-search'] });
      void navigate(`/children/${kept.id}`, {
        state: { done: `Records merged: ${movedWords(result.moved)} moved to this record` },
      });
    },
  });
  const d = duplicate.data;
  const keptName = nameOf(kept);
  const side = (c: Child) =>
    [
      ['Name', nameOf(c)],
      ['Date of birth', c.dateOfBirth ? dateOnly(c.dateOfBirth) : 'Not known'],
      ['NHS number', c.nhsNumber ?? 'Not known'],
      ['Postcode', c.postcode ?? 'Not known'],
      ['History', `${c.history.length} ${c.history.length === 1 ? 'entry' : 'entries'}`],
    ] as [string, string][];
  return (
    <FormPage
      title="Check before merging these records"
      caption={`${keptName}’s record`}
      back={{ to: `/children/${kept.id}/merge`, label: 'Choose another record' }}
      problems={problems}
    >
      {!d ? (
        <p className="govuk-body">
          {duplicate.error ? 'That record cannot be read.' : 'Loading the other record…'}
        </p>
      ) : (
        <>
          <h2 className="govuk-heading-m">Keep this record</h2>
          <div data-testid="merge-kept">
            <SummaryList rows={side(kept)} />
          </div>
          <h2 className="govuk-heading-m">Merge this record into it</h2>
          <div data-testid="merge-duplicate">
            <SummaryList rows={side(d)} />
          </div>
          <dl className="govuk-summary-list">
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Why they are the same child</dt>
              <dd className="govuk-summary-list__value">{choice.reason}</dd>
              <dd className="govuk-summary-list__actions">
                <a
                  className="govuk-link"
                  href={`/children/${kept.id}/merge`}
                  onClick={(e) => {
                    e.preventDefault();
                    void navigate('..');
                  }}
                >
                  Change<span className="govuk-visually-hidden"> the reason</span>
                </a>
              </dd>
            </div>
          </dl>
          <WarningText>
            {nameOf(d)}’s contacts, referrals and DA notifications will move to {keptName}’s record, and{' '}
            {nameOf(d)}’s record will lead to it. You can undo this from {keptName}’s record.
          </WarningText>
          <form noValidate onSubmit={(e) => void submit(e)}>
            <Submit busy={pending}>Merge records</Submit>
          </form>
        </>
      )}
    </FormPage>
  );
}
