import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { ApiFailure } from '../api';
import { client, unwrap, type Schema } from '../api-client';
import { ErrorSummary } from '../error-summary';
import { Page, useErrorInTitle } from '../layout';
import { useNow } from '../live';
import {
  LiveStatus,
  PauseControl,
  QueueHead,
  useNewRows,
  usePausable,
  useQueue,
  type QueueItem,
} from '../queue';
import {
  applyServerErrors,
  Banner,
  countdown,
  Input,
  problemsOf,
  Radios,
  Submit,
  TimelinessTag,
  useSingleFlight,
  when,
} from '../ui';

type Method = Schema<'EncompassSentDto'>['method'];
const METHODS: Record<Method, string> = { EMAIL: 'Email', PHONE: 'Phone', PORTAL: 'The schools’ portal' };

// issue 16 screen 3 (CONSOLE.md S7): Operation Encompass notices to schools, soonest due (so
// overdue) first, each with its first-lesson deadline; "Record as sent" with method and recipient
export function EncompassQueue() {
  const state = useQueue('encompass');
  const { items, paused, waiting, pause, resume } = usePausable(state);
  const fresh = useNewRows(items);
  const now = useNow();
  const [open, setOpen] = useState<string>();
  const [sent, setSent] = useState<string>();
  return (
    <Page title="Operation Encompass" wide>
      {sent && (
        <Banner kind="success" title="Success" focus key={sent}>
          <p className="govuk-notification-banner__heading">{sent}</p>
        </Banner>
      )}
      <h1 className="govuk-heading-l">Operation Encompass: tell the school</h1>
      <LiveStatus state={state} />
      <p className="govuk-body">
        Each school must hear of a domestic-abuse incident involving its pupil before the first lesson of the
        next school day, whatever the triage decides.
      </p>
      <PauseControl paused={paused} waiting={waiting} pause={pause} resume={resume} />
      {items === undefined ? (
        <p className="govuk-body">Loading the queue…</p>
      ) : (
        <table className="govuk-table fd-queue" data-testid="encompass-queue">
          <caption className="govuk-table__caption govuk-table__caption--m" tabIndex={-1}>
            {items.length === 0
              ? 'No schools waiting to be told'
              : `${items.length === 1 ? '1 school notice' : `${items.length} school notices`} to send`}
          </caption>
          <QueueHead columns={['Child', 'School', 'Police reference', 'Due', '']} />
          <tbody className="govuk-table__body">
            {items.map((item) => (
              <Row
                key={item.id}
                item={item}
                now={now}
                fresh={fresh.has(item.id)}
                open={open === item.id}
                toggle={() => setOpen(open === item.id ? undefined : item.id)}
                done={(message) => {
                  setOpen(undefined);
                  setSent(message);
                }}
              />
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}

function Row({
  item,
  now,
  fresh,
  open,
  toggle,
  done,
}: {
  item: QueueItem;
  now: number;
  fresh: boolean;
  open: boolean;
  toggle(): void;
  done(message: string): void;
}) {
  return (
    <>
      <tr className={`govuk-table__row${fresh ? ' fd-new-row' : ''}`} data-reference={item.reference}>
        <td className="govuk-table__cell" data-label="Child">
          {item.childName}
        </td>
        <td className="govuk-table__cell" data-label="School">
          {item.school ?? <strong className="govuk-tag govuk-tag--yellow">School to find</strong>}
        </td>
        <td className="govuk-table__cell" data-label="Police reference">
          {item.notificationId ? (
            <Link className="govuk-link" to={`/da-notifications/${item.notificationId}`}>
              {item.reference}
            </Link>
          ) : (
            item.reference
          )}
        </td>
        <td className="govuk-table__cell" data-label="Due">
          <time dateTime={item.dueAt}>{when(item.dueAt)}</time>
          <br />
          <span className="govuk-body-s">{countdown(item.dueAt, now)}</span>{' '}
          <TimelinessTag timeliness={item.timeliness} />
        </td>
        <td className="govuk-table__cell" data-label="">
          <button
            type="button"
            className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
            aria-expanded={open}
            aria-controls={`sent-${item.id}`}
            onClick={toggle}
          >
            {open ? 'Cancel' : 'Record as sent'}
            <span className="govuk-visually-hidden"> for {item.childName}</span>
          </button>
        </td>
      </tr>
      {open && (
        <tr className="govuk-table__row" id={`sent-${item.id}`}>
          <td className="govuk-table__cell" colSpan={5}>
            <SentForm item={item} done={done} />
          </td>
        </tr>
      )}
    </>
  );
}

interface Form {
  method: Method | '';
  recipient: string;
}

function SentForm({ item, done }: { item: QueueItem; done(message: string): void }) {
  const form = useForm<Form>({ defaultValues: { method: '', recipient: '' } });
  const { register, formState, handleSubmit, setError, watch } = form;
  const once = useSingleFlight();
  const send = useMutation({
    mutationFn: (body: Form) =>
      unwrap(
        client.POST('/api/encompass/{id}/sent', {
          params: { path: { id: item.id } },
          body: { method: body.method as Method, recipient: body.recipient.trim() },
        }),
      ),
    onSuccess: (answer) =>
      done(`Recorded as sent for ${item.childName}${answer.onTime ? ', on time' : ', after the deadline'}`),
    onError: (error) => {
      if (error instanceof ApiFailure && error.error.status === 409) {
        setError('root', { message: 'This notice has already been recorded as sent.' });
        return;
      }
      const rest = applyServerErrors(error, setError, ['method', 'recipient'], (field) =>
        field === 'method' ? 'Method' : 'Recipient',
      );
      if (rest) setError('root', { message: rest });
    },
  });
  const problems = problemsOf(formState.errors);
  useErrorInTitle(problems.length > 0);
  return (
    <form
      noValidate
      aria-label={`Record the notice to ${item.childName}’s school as sent`}
      onSubmit={handleSubmit((body) => {
        let ok = true;
        if (!body.method) {
          setError('method', { message: 'Select how the school was told' });
          ok = false;
        }
        if (!body.recipient.trim()) {
          setError('recipient', { message: 'Enter who at the school was told' });
          ok = false;
        }
        if (ok) once(() => send.mutateAsync(body));
      })}
    >
      <ErrorSummary problems={problems} />
      <Radios<Form>
        name="method"
        label={`How was ${item.school ?? 'the school'} told?`}
        register={register}
        errors={formState.errors}
        checked={watch('method')}
        small
        choices={(Object.entries(METHODS) as [Method, string][]).map(([value, label]) => ({ value, label }))}
      />
      <Input<Form>
        name="recipient"
        label="Who was told"
        hint="The key adult’s role or address, for example Designated safeguarding lead"
        register={register}
        errors={formState.errors}
        width="20"
      />
      <Submit busy={send.isPending}>Record as sent</Submit>
    </form>
  );
}
