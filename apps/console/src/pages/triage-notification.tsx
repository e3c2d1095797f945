import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import { ApiFailure } from '../api';
import { client, unwrap, type Schema } from '../api-client';
import { ErrorSummary } from '../error-summary';
import { HistoryTimeline } from '../history';
import { NotFound, Page, useErrorInTitle } from '../layout';
import { useNow } from '../live';
import { useQueue } from '../queue';
import {
  ageInYears,
  applyServerErrors,
  Banner,
  countdown,
  dateOnly,
  problemsOf,
  Radios,
  RagTag,
  Submit,
  SummaryList,
  TextArea,
  useSingleFlight,
  when,
  words,
} from '../ui';

type Notification = Schema<'NotificationViewDto'>;
type Outcome = Schema<'TriageDto'>['outcome'];
type Matrix = Schema<'TriageMatrixDto'>;
type Child = NonNullable<Notification['details']>['children'][number];

const OUTCOMES: { value: Outcome; label: string; hint: string }[] = [
  {
    value: 'INFORMATION_ONLY',
    label: 'Information only',
    hint: 'Recorded on each child’s history; no contact',
  },
  { value: 'CONTACT', label: 'Contact', hint: 'An AMBER contact for each child, on the screening queue' },
  {
    value: 'URGENT_CONTACT',
    label: 'Urgent contact',
    hint: 'A RED contact for each child, on the screening queue',
  },
];

const RELATIONSHIP_WORDS: Record<NonNullable<Notification['details']>['relationship'], string> = {
  PARTNER: 'Partners',
  EX_PARTNER: 'Former partners',
  FAMILY: 'Family members',
  OTHER: 'Other',
};

const yesNo = (value: boolean | undefined) => (value === undefined ? 'Not known' : value ? 'Yes' : 'No');

// "3 h 12 min" from minutes
function minutes(total: number): string {
  const h = Math.floor(total / 60);
  const m = total % 60;
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

export function timescaleWords(timescale: Schema<'TriageTimescaleDto'>): string {
  const { kind, amount } = timescale;
  return kind === 'elapsedHours'
    ? `${amount} ${amount === 1 ? 'hour' : 'hours'}, nights and weekends included`
    : `${amount} working ${amount === 1 ? 'day' : 'days'}`;
}

// issue 16 screen 2 (CONSOLE.md S6): a police notification as the screener triages it — the
// suggestion and the matrix row it came from first, then what the police sent, each child's
// history, and the triage form; after triage, the contacts it made
export function TriageNotification() {
  const { id = '' } = useParams();
  const notification = useQuery({
    queryKey: ['da-notification', id],
    queryFn: () => unwrap(client.GET('/api/da-notifications/{id}', { params: { path: { id } } })),
  });
  const matrix = useQuery({
    queryKey: ['da-triage-matrix'],
    queryFn: () => unwrap(client.GET('/api/da-triage-matrix')),
  });
  // triaged by someone else while open: the live queue drops it, so read it again
  const queue = useQueue('triage');
  const onQueue = queue.items?.some((item) => item.id === id);
  const wasOnQueue = useRef(false);
  const { refetch } = notification;
  useEffect(() => {
    if (onQueue) wasOnQueue.current = true;
    else if (onQueue === false && wasOnQueue.current) {
      wasOnQueue.current = false;
      void refetch();
    }
  }, [onQueue, refetch]);

  if (notification.error) return <NotFound />;
  const n = notification.data;
  if (!n) {
    return (
      <Page title="DA notification">
        <p className="govuk-body">Loading the notification…</p>
      </Page>
    );
  }
  return <Loaded n={n} matrix={matrix.data} reload={() => void refetch()} />;
}

function Loaded({ n, matrix, reload }: { n: Notification; matrix: Matrix | undefined; reload(): void }) {
  const now = useNow();
  const details = n.details;
  const children = details?.children ?? [];
  const awaiting = n.status === 'AWAITING_TRIAGE';
  const title = `DA notification ${n.policeReference}`;
  return (
    <Page title={title} wide>
      <Link to="/triage" className="govuk-back-link">
        Back to the triage queue
      </Link>
      <span className="govuk-caption-l">DA notification {n.policeReference}</span>
      <h1 className="govuk-heading-l">{n.childName || 'No children named'}</h1>
      <p className="govuk-body" data-testid="notification-status">
        <strong className={`govuk-tag ${awaiting ? 'govuk-tag--blue' : 'govuk-tag--green'}`}>
          {awaiting ? 'Awaiting triage' : 'Triaged'}
        </strong>{' '}
        {awaiting && (
          <>
            Triage due <time dateTime={n.triageDueAt}>{when(n.triageDueAt)}</time> (
            {countdown(n.triageDueAt, now)})
          </>
        )}
      </p>
      {n.triage && <TriageDone n={n} children={children} />}

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Suggestion n={n} matrix={matrix} />

          <h2 className="govuk-heading-m">Incident</h2>
          <SummaryList
            rows={[
              ['Police reference', n.policeReference],
              ['Incident', when(n.incidentAt)],
              ['Received', `${when(n.receivedAt)} (${minutes(n.submissionDelayMinutes)} after the incident)`],
              ['Risk assessment', `${n.riskTool}, ${words(n.riskLevel).toLowerCase()} risk`],
              ...(n.dashScore !== undefined
                ? ([['DASH score', String(n.dashScore)]] as [string, string][])
                : []),
              ...(details
                ? ([
                    ['Relationship', RELATIONSHIP_WORDS[details.relationship]],
                    ['Anyone injured', yesNo(details.injuries)],
                    ['Weapon used', yesNo(details.weaponUsed)],
                    ['Substance misuse', yesNo(details.substanceMisuse)],
                    ['Summary', <span className="fd-preserve-lines">{details.summary}</span>],
                    [
                      'Officer',
                      `${details.officer.name}${details.officer.collarNumber ? `, ${details.officer.collarNumber}` : ''}`,
                    ],
                  ] as [string, ReactNode][])
                : []),
            ]}
          />
          {details && (
            <>
              <h2 className="govuk-heading-m">Victim</h2>
              <SummaryList
                rows={[
                  ['Name', `${details.victim.firstName} ${details.victim.lastName}`],
                  [
                    'Date of birth',
                    details.victim.dateOfBirth ? dateOnly(details.victim.dateOfBirth) : 'Not given',
                  ],
                  ['Pregnant', yesNo(details.victim.pregnant)],
                ]}
              />
              <h2 className="govuk-heading-m">Perpetrator</h2>
              <SummaryList
                rows={[
                  ['Name', `${details.perpetrator.firstName} ${details.perpetrator.lastName}`],
                  [
                    'Date of birth',
                    details.perpetrator.dateOfBirth ? dateOnly(details.perpetrator.dateOfBirth) : 'Not given',
                  ],
                  ['Arrested', yesNo(details.perpetrator.arrested)],
                  ['A parent of the children', yesNo(details.perpetrator.parentOfChildren)],
                ]}
              />
            </>
          )}
        </div>
      </div>

      <Children n={n} children={children} now={now} />

      {awaiting && (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <TriageForm n={n} reload={reload} />
          </div>
        </div>
      )}
    </Page>
  );
}

// the suggestion, every reason that fired, and the matrix row it came from
function Suggestion({ n, matrix }: { n: Notification; matrix: Matrix | undefined }) {
  const row = matrix?.rows.find((r) => r.outcome === n.suggestion.outcome);
  return (
    <div className="govuk-summary-card" data-testid="suggestion">
      <div className="govuk-summary-card__title-wrapper">
        <h2 className="govuk-summary-card__title">Suggested: {words(n.suggestion.outcome)}</h2>
      </div>
      <div className="govuk-summary-card__content">
        <h3 className="govuk-heading-s">Why</h3>
        <ul className="govuk-list govuk-list--bullet" data-testid="suggestion-reasons">
          {n.suggestion.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
        {row && matrix && (
          <details className="govuk-details" data-testid="matrix-row">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">
                The matrix row this came from ({matrix.source})
              </span>
            </summary>
            <div className="govuk-details__text">
              <p className="govuk-body">
                The rows are tried in order and the first that matches wins:{' '}
                {matrix.rows.map((r) => words(r.outcome)).join(', then ')}. A person always confirms.
              </p>
              {row.criteria.length > 0 ? (
                <>
                  <p className="govuk-body">
                    <strong>{words(row.outcome)}</strong> when any of these holds (triage due within{' '}
                    {timescaleWords(row.triageDue)}):
                  </p>
                  <ul className="govuk-list govuk-list--bullet">
                    {row.criteria.map((c) => (
                      <li key={c.setting}>
                        {c.text} <code className="fd-setting">{`${c.setting}: ${c.value}`}</code>
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                <p className="govuk-body">
                  <strong>{words(row.outcome)}</strong> when no row above matches (triage due within{' '}
                  {timescaleWords(row.triageDue)}).
                </p>
              )}
            </div>
          </details>
        )}
        <h3 className="govuk-heading-s">MARAC</h3>
        {n.suggestion.marac ? (
          <>
            <p className="govuk-body">
              <strong className="govuk-tag govuk-tag--red">MARAC</strong> The SafeLives criteria are met:
            </p>
            <ul className="govuk-list govuk-list--bullet" data-testid="marac-reasons">
              {n.suggestion.maracReasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </>
        ) : (
          <p className="govuk-body">
            No SafeLives criterion is met{n.marac ? ', but MARAC was raised at triage' : ''}.
          </p>
        )}
        {matrix && (
          <details className="govuk-details">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">The SafeLives MARAC criteria</span>
            </summary>
            <div className="govuk-details__text">
              <p className="govuk-body">
                Any one of these flags MARAC. Judgement may raise the flag, never lower it.
              </p>
              <ul className="govuk-list govuk-list--bullet">
                {matrix.marac.map((c) => (
                  <li key={c.setting}>
                    {c.text} <code className="fd-setting">{`${c.setting}: ${c.value}`}</code>
                  </li>
                ))}
              </ul>
            </div>
          </details>
        )}
      </div>
    </div>
  );
}

function Children({ n, children, now }: { n: Notification; children: Child[]; now: number }) {
  const encompassOf = (child: Child) =>
    n.encompass.find((e) => e.childName === `${child.firstName} ${child.lastName}`);
  return (
    <>
      <h2 className="govuk-heading-m">Children</h2>
      <table className="govuk-table fd-queue" data-testid="notification-children">
        <caption className="govuk-table__caption govuk-visually-hidden">
          The children the police named
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {[
              'Child',
              'Date of birth',
              'School',
              'Present',
              'Witnessed',
              'Injured',
              'School told (Encompass)',
            ].map((column) => (
              <th scope="col" className="govuk-table__header" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {children.map((child) => {
            const encompass = encompassOf(child);
            return (
              <tr className="govuk-table__row" key={child.childId}>
                <td className="govuk-table__cell" data-label="Child">
                  {child.firstName} {child.lastName}
                </td>
                <td className="govuk-table__cell" data-label="Date of birth">
                  {dateOnly(child.dateOfBirth)}, {ageInYears(child.dateOfBirth, new Date(now))} years
                </td>
                <td className="govuk-table__cell" data-label="School">
                  {child.school ?? 'Not given'}
                </td>
                <td className="govuk-table__cell" data-label="Present">
                  {yesNo(child.present)}
                </td>
                <td className="govuk-table__cell" data-label="Witnessed">
                  {yesNo(child.witnessed)}
                </td>
                <td className="govuk-table__cell" data-label="Injured">
                  {yesNo(child.injured)}
                </td>
                <td className="govuk-table__cell" data-label="School told (Encompass)">
                  {!encompass
                    ? 'Not needed'
                    : encompass.status === 'SENT'
                      ? `Sent ${when(encompass.sentAt)}`
                      : `Due ${when(encompass.dueAt)}`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2 className="govuk-heading-m">Each child’s history</h2>
      <p className="govuk-body">As it stood when the notification was received, then everything since.</p>
      {children.map((child) => (
        <section
          key={child.childId}
          data-testid="child-history"
          aria-label={`${child.firstName} ${child.lastName}`}
        >
          <h3 className="govuk-heading-s">
            {child.firstName} {child.lastName}
          </h3>
          {child.history && (
            <>
              <p className="govuk-body">
                {child.history.contactsLast12Months === 1
                  ? '1 contact'
                  : `${child.history.contactsLast12Months} contacts`}
                ,{' '}
                {child.history.referralsLast12Months === 1
                  ? '1 referral'
                  : `${child.history.referralsLast12Months} referrals`}{' '}
                in the 12 months before this notification
              </p>
              <HistoryTimeline items={child.history.items} testId="child-history-items" current={n.id} />
            </>
          )}
        </section>
      ))}
    </>
  );
}

// after triage: what was decided and the contacts it made, linked
function TriageDone({ n, children }: { n: Notification; children: Child[] }) {
  const triage = n.triage!;
  const nameOf = (childId: string) => {
    const child = children.find((c) => c.childId === childId);
    return child ? `${child.firstName} ${child.lastName}` : 'A child';
  };
  return (
    <div data-testid="triage-done">
      <Banner kind="success" title="Triaged">
        <p className="govuk-notification-banner__heading">
          {words(triage.outcome)}, {when(triage.triagedAt)}
          {triage.withinTimescale !== undefined &&
            (triage.withinTimescale ? ', within timescale' : ', after the triage was due')}
          {n.marac ? '. MARAC flagged' : ''}
        </p>
        {triage.rationale && <p className="govuk-body fd-preserve-lines">{triage.rationale}</p>}
        {(n.contacts ?? []).length > 0 ? (
          <>
            <p className="govuk-body">Contacts made, one for each child, now on the screening queue:</p>
            <ul className="govuk-list" data-testid="contacts-made">
              {(n.contacts ?? []).map((contact) => (
                <li key={contact.id}>
                  <Link className="govuk-notification-banner__link" to={`/contacts/${contact.id}`}>
                    {nameOf(contact.childId)}
                  </Link>{' '}
                  <RagTag rag={contact.rag} />
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="govuk-body">No contact was made; the notification is on each child’s history.</p>
        )}
      </Banner>
    </div>
  );
}

interface Form {
  outcome: Outcome | '';
  rationale: string;
  marac: boolean;
}

function TriageForm({ n, reload }: { n: Notification; reload(): void }) {
  const suggested = n.suggestion.outcome;
  const form = useForm<Form>({
    defaultValues: { outcome: suggested, rationale: '', marac: n.suggestion.marac },
  });
  const { register, formState, handleSubmit, setError, watch } = form;
  const once = useSingleFlight();
  const outcome = watch('outcome');
  const overriding = outcome !== '' && outcome !== suggested;
  const triage = useMutation({
    mutationFn: (body: Form) =>
      unwrap(
        client.POST('/api/da-notifications/{id}/triage', {
          params: { path: { id: n.id } },
          body: {
            outcome: body.outcome as Outcome,
            ...(body.rationale.trim() ? { rationale: body.rationale.trim() } : {}),
            marac: n.suggestion.marac || body.marac,
          },
        }),
      ),
    onSuccess: () => reload(),
    onError: (error) => {
      if (error instanceof ApiFailure && error.error.status === 409) {
        setError('root', { message: 'This notification has already been triaged.' });
        reload();
        return;
      }
      const rest = applyServerErrors(error, setError, ['outcome', 'rationale', 'marac'], (field) =>
        field === 'rationale' ? 'Rationale' : field === 'marac' ? 'MARAC' : 'Outcome',
      );
      if (rest) setError('root', { message: rest });
    },
  });
  const problems = problemsOf(formState.errors);
  useErrorInTitle(problems.length > 0);
  return (
    <form
      noValidate
      data-testid="triage-form"
      onSubmit={handleSubmit((body) => {
        if (!body.outcome) return setError('outcome', { message: 'Select the triage outcome' });
        if (body.outcome !== suggested && !body.rationale.trim()) {
          return setError('rationale', {
            message: `Enter why you chose ${words(body.outcome).toLowerCase()} rather than the suggested ${words(suggested).toLowerCase()}`,
          });
        }
        once(() => triage.mutateAsync(body));
      })}
    >
      <h2 className="govuk-heading-m">Triage</h2>
      <ErrorSummary problems={problems} />
      <Radios<Form>
        name="outcome"
        label="What should happen?"
        legendClass="govuk-fieldset__legend--s"
        register={register}
        errors={formState.errors}
        checked={outcome}
        choices={OUTCOMES.map((o) => ({
          value: o.value,
          label: o.value === suggested ? `${o.label} (suggested)` : o.label,
          hint: o.hint,
        }))}
      />
      <TextArea<Form>
        name="rationale"
        label={overriding ? 'Why are you not following the suggestion?' : 'Rationale (optional)'}
        hint={
          overriding
            ? 'Required when the outcome differs from the suggestion. The police and managers read it.'
            : 'Anything the contacts’ screeners should know'
        }
        register={register}
        errors={formState.errors}
        rows={4}
      />
      <div className="govuk-form-group">
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">MARAC</legend>
          <div id="marac-hint" className="govuk-hint">
            {n.suggestion.marac
              ? 'The SafeLives criteria are met, so MARAC cannot be lowered.'
              : 'Raise MARAC by professional judgement if the victim should be referred.'}
          </div>
          <div className="govuk-checkboxes govuk-checkboxes--small">
            <div className="govuk-checkboxes__item">
              <input
                className="govuk-checkboxes__input"
                id="marac"
                type="checkbox"
                aria-describedby="marac-hint"
                disabled={n.suggestion.marac}
                {...register('marac')}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="marac">
                Refer to MARAC
              </label>
            </div>
          </div>
        </fieldset>
      </div>
      <Submit busy={triage.isPending}>Confirm triage</Submit>
    </form>
  );
}
