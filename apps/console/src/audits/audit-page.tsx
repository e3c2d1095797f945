import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useApiForm } from '../admin/forms';
import { ApiFailure } from '../api';
import { client, unwrap } from '../api-client';
import { ErrorSummary } from '../error-summary';
import { NotFound, Page } from '../layout';
import { useNow } from '../live';
import { useSession } from '../session';
import { Banner, countdown, Radios, RagTag, Submit, SummaryList, TextArea, TimelinessTag, when } from '../ui';
import {
  AnswerList,
  AuditStatusTag,
  auditKey,
  ConcernWarning,
  ContactLink,
  FINDINGS_MIN,
  GRADE_WORDS,
  openConcern,
  outcomeWords,
  REASON_MIN,
  THRESHOLD_WORDS,
  weekWords,
  type AuditAnswer,
  type QualityAudit,
} from './words';

interface AnswerForm {
  thresholdCorrect: string;
  grade: string;
  findings: string;
  actions: string;
}
interface ReasonForm {
  reason: string;
}
interface ConcernForm {
  comment: string;
}

const length = (text: string) => Array.from(text.trim()).length;

// issue 21 item 3: one drawn decision, its audit, and what a manager may do with it: answer
// it (not their own decision), take it out of the sample with a reason, or record what was done
// about a concern its answer raised
export function AuditPage() {
  const { id = '' } = useParams();
  const { me } = useSession();
  const now = useNow();
  const queries = useQueryClient();
  const [done, setDone] = useState<{ message: string; link?: string }>();
  const audit = useQuery({
    queryKey: auditKey(id),
    queryFn: () => unwrap(client.GET('/api/quality-audits/{id}', { params: { path: { id } } })),
  });
  const settle = (next: QualityAudit, message: string, link?: string) => {
    queries.setQueryData(auditKey(id), next);
    void queries.invalidateQueries({ queryKey: ['contact', next.contactId] });
    setDone({ message, link });
  };
  // a refusal that says the audit moved on (answered or swapped by someone else): read it again
  const reread = <T,>(send: () => Promise<T>) =>
    send().catch((error: unknown) => {
      if (error instanceof ApiFailure && error.error.status === 409) void audit.refetch();
      throw error;
    });

  const answer = useApiForm<AnswerForm, QualityAudit>({
    labels: {
      thresholdCorrect: 'Whether the threshold was applied correctly',
      grade: 'The grade',
      findings: 'Findings',
      actions: 'Actions',
    },
    rules: {
      thresholdCorrect: { required: 'Select whether the threshold was applied correctly' },
      grade: { required: 'Select a grade for the decision' },
      findings: {
        validate: (value: string) =>
          length(value) >= FINDINGS_MIN ||
          `Findings must be at least ${FINDINGS_MIN} characters: say what you found (you have ${length(value)})`,
      },
      actions: {
        maxLength: { value: 5000, message: 'Actions must be 5000 characters or fewer' },
      },
    },
    defaultValues: { thresholdCorrect: '', grade: '', findings: '', actions: '' },
    send: (values) =>
      reread(() =>
        unwrap(
          client.POST('/api/quality-audits/{id}', {
            params: { path: { id } },
            body: {
              thresholdCorrect: values.thresholdCorrect as AuditAnswer['thresholdCorrect'],
              grade: values.grade as AuditAnswer['grade'],
              findings: values.findings.trim(),
              ...(values.actions.trim() ? { actions: values.actions.trim() } : {}),
            },
          }),
        ),
      ),
    done: (next) => settle(next, 'Your audit is recorded'),
  });

  const swap = useApiForm<ReasonForm, Awaited<ReturnType<typeof sendSwap>>>({
    labels: { reason: 'The reason' },
    rules: {
      reason: {
        validate: (value: string) =>
          length(value) >= REASON_MIN ||
          `Enter why this decision leaves the sample (at least ${REASON_MIN} characters)`,
      },
    },
    defaultValues: { reason: '' },
    send: ({ reason }) => reread(() => sendSwap(id, reason.trim())),
    done: (result) =>
      settle(
        result.swapped,
        result.replacement
          ? 'This decision is taken out of the sample. The next of their decisions that week is drawn in its place.'
          : 'This decision is taken out of the sample. None of their other decisions that week was left to draw.',
        result.replacement ? `/quality-audits/${result.replacement.id}` : undefined,
      ),
  });

  const concern = useApiForm<ConcernForm, QualityAudit>({
    labels: { comment: 'What was done' },
    rules: {
      comment: {
        validate: (value: string) =>
          length(value) >= REASON_MIN ||
          `Enter what was done about the concern (at least ${REASON_MIN} characters)`,
      },
    },
    defaultValues: { comment: '' },
    send: ({ comment }) =>
      reread(() =>
        unwrap(
          client.POST('/api/quality-audits/{id}/concern', {
            params: { path: { id } },
            body: { comment: comment.trim() },
          }),
        ),
      ),
    done: (next) => settle(next, 'What was done is recorded. The contact leaves the authorisation queue.'),
  });

  if (audit.error) return <NotFound />;
  const a = audit.data;
  if (!a) {
    return (
      <Page title="Quality audit">
        <h1 className="govuk-heading-l">Quality audit</h1>
        <p className="govuk-body">Loading the audit…</p>
      </Page>
    );
  }
  const manager = me?.user.role === 'MANAGER';
  const own = a.decidedBy.id === me?.user.id;
  const problems = [...answer.problems, ...swap.problems, ...concern.problems];
  const decision = a.decision;
  return (
    <Page title={`Quality audit – ${a.reference}`} error={problems.length > 0}>
      {manager ? (
        <Link to="/quality-audits" className="govuk-back-link">
          Back to quality audits
        </Link>
      ) : (
        <Link to="/feedback" className="govuk-back-link">
          Back to my feedback
        </Link>
      )}
      {done && (
        <Banner kind="success" title="Success" focus key={done.message}>
          <p className="govuk-notification-banner__heading">
            {done.message}{' '}
            {done.link && (
              <Link className="govuk-notification-banner__link" to={done.link}>
                Open the decision drawn in its place
              </Link>
            )}
          </p>
        </Banner>
      )}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary problems={problems} />
          <span className="govuk-caption-l">Quality audit, week starting {weekWords(a.weekStarting)}</span>
          <h1 className="govuk-heading-l">{a.childName}</h1>
          <SummaryList
            rows={[
              ['Contact', <ContactLink audit={a} />],
              ['Child', a.childName],
              ['Rating', <RagTag rag={a.rag} />],
              ['Status', <AuditStatusTag status={a.status} />],
              [
                'Audit due',
                a.status === 'OPEN' ? (
                  <>
                    <time dateTime={a.dueAt}>{when(a.dueAt)}</time> ({countdown(a.dueAt, now)}){' '}
                    <TimelinessTag timeliness={a.timeliness} />
                  </>
                ) : (
                  <time dateTime={a.dueAt}>{when(a.dueAt)}</time>
                ),
              ],
            ]}
          />
          <h2 className="govuk-heading-m">The decision</h2>
          <SummaryList
            rows={[
              ['Level', String(decision.level)],
              ['Outcome', outcomeWords(decision.outcome)],
              ['Rationale', <span className="fd-preserve-lines">{decision.rationale}</span>],
              ['Decided by', `${own ? 'You' : a.decidedBy.name}, ${when(decision.decidedAt)}`],
            ]}
          />

          {a.status === 'SWAPPED' && (
            <div className="govuk-inset-text" data-testid="swapped">
              Taken out of the sample by {a.swappedBy?.name ?? 'a manager'}: {a.swapReason}
              {a.replacedBy && (
                <>
                  {' '}
                  <Link className="govuk-link" to={`/quality-audits/${a.replacedBy}`}>
                    Open the decision drawn in its place
                  </Link>
                </>
              )}
            </div>
          )}

          {a.answer && (
            <section aria-labelledby="answer-heading" data-testid="audit-answer">
              <h2 className="govuk-heading-m" id="answer-heading">
                The audit
              </h2>
              <ConcernWarning audit={a} />
              <AnswerList answer={a.answer} />
              {openConcern(a) && manager && !own && (
                <form noValidate onSubmit={(event) => void concern.submit(event)} data-testid="concern-form">
                  <h3 className="govuk-heading-s">Record what was done</h3>
                  <TextArea<ConcernForm>
                    name="comment"
                    label="What was done about the concern"
                    hint="For example, the contact was reopened and passed to the assessment team. At least 10 characters."
                    rows={4}
                    register={concern.register}
                    errors={concern.errors}
                  />
                  <Submit busy={concern.pending}>Record what was done</Submit>
                </form>
              )}
              {openConcern(a) && own && (
                <p className="govuk-body">Another manager records what was done about this concern.</p>
              )}
            </section>
          )}

          {a.status === 'OPEN' && !a.canAudit && (
            <div className="govuk-inset-text" data-testid="cannot-audit">
              {own
                ? 'This is an audit of your own decision. Another manager audits it.'
                : 'A manager has not audited this decision yet.'}
            </div>
          )}

          {a.status === 'OPEN' && a.canAudit && (
            <form noValidate onSubmit={(event) => void answer.submit(event)} data-testid="audit-form">
              <h2 className="govuk-heading-m">Your audit</h2>
              <Radios<AnswerForm>
                name="thresholdCorrect"
                label="Was the threshold applied correctly?"
                legendClass="govuk-fieldset__legend--s"
                register={answer.register}
                errors={answer.errors}
                checked={answer.form.watch('thresholdCorrect')}
                choices={[
                  { value: 'YES', label: THRESHOLD_WORDS.YES },
                  { value: 'PARTLY', label: THRESHOLD_WORDS.PARTLY },
                  {
                    value: 'NO',
                    label: THRESHOLD_WORDS.NO,
                    hint: 'If the child is still open, the contact goes back to a manager on the authorisation queue',
                  },
                ]}
              />
              <Radios<AnswerForm>
                name="grade"
                label="How do you grade the decision?"
                legendClass="govuk-fieldset__legend--s"
                register={answer.register}
                errors={answer.errors}
                choices={(Object.keys(GRADE_WORDS) as (keyof typeof GRADE_WORDS)[]).map((g) => ({
                  value: g,
                  label: GRADE_WORDS[g],
                }))}
              />
              <TextArea<AnswerForm>
                name="findings"
                label="Findings"
                labelClass="govuk-label--s"
                hint={`What you found: whether the rating, level and outcome fit what was known, and what the rationale shows or misses. At least ${FINDINGS_MIN} characters. The screener sees this.`}
                rows={6}
                minLength={FINDINGS_MIN}
                value={answer.form.watch('findings')}
                register={answer.register}
                errors={answer.errors}
              />
              <TextArea<AnswerForm>
                name="actions"
                label="Actions (optional)"
                labelClass="govuk-label--s"
                hint="What the screener or the team should do next"
                rows={3}
                register={answer.register}
                errors={answer.errors}
              />
              <Submit busy={answer.pending}>Record the audit</Submit>
            </form>
          )}

          {a.status === 'OPEN' && manager && !own && (
            <details
              className="govuk-details"
              data-testid="swap"
              open={swap.problems.length > 0 || undefined}
            >
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">Take this decision out of the sample</span>
              </summary>
              <div className="govuk-details__text">
                <form noValidate onSubmit={(event) => void swap.submit(event)}>
                  <p className="govuk-body">
                    For example, when you were involved in the case. The next of the same screener’s decisions
                    that week is drawn in its place.
                  </p>
                  <TextArea<ReasonForm>
                    name="reason"
                    label="Why this decision leaves the sample"
                    hint="At least 10 characters. This is kept in the audit trail."
                    rows={3}
                    register={swap.register}
                    errors={swap.errors}
                  />
                  <Submit busy={swap.pending} kind="secondary">
                    Take out of the sample
                  </Submit>
                </form>
              </div>
            </details>
          )}
        </div>
      </div>
    </Page>
  );
}

function sendSwap(id: string, reason: string) {
  return unwrap(client.POST('/api/quality-audits/{id}/swap', { params: { path: { id } }, body: { reason } }));
}
