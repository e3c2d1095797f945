import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { TableHead } from '../admin/common';
import { ApiFailure } from '../api';
import { client, unwrap } from '../api-client';
import { DateInput, dateOf, NO_DATE, onDateBoxes, type DateParts } from '../date-input';
import { ErrorSummary } from '../error-summary';
import { NotFound, Page } from '../layout';
import { useSession } from '../session';
import { applyServerErrors, Banner, problemsOf, Submit, SummaryList, useSingleFlight, when } from '../ui';
import { AUDIT_STATUS_WORDS, weekWords } from './words';

interface DrawForm {
  week: DateParts;
}

const drawKey = (id: string) => ['quality-audit-draw', id] as const;

// the Monday of the last week that has ended, as the hint's example ("23 11 2026")
function lastMonday(now = new Date()): string {
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7) - 7);
  return `${monday.getUTCDate()} ${monday.getUTCMonth() + 1} ${monday.getUTCFullYear()}`;
}

// issue 21 item 3: a manager draws the sample of a past week (once a week: the weekly draw or
// this); the seed it was drawn with is recorded and shown
export function DrawWeek() {
  const navigate = useNavigate();
  const queries = useQueryClient();
  const form = useForm<DrawForm>({ defaultValues: { week: NO_DATE }, shouldFocusError: false });
  const { setError, formState } = form;
  const once = useSingleFlight();
  const draw = useMutation({
    mutationFn: (weekStarting: string) =>
      unwrap(client.POST('/api/quality-audits/draws', { body: { weekStarting } })),
    onSuccess: (result) => {
      void queries.invalidateQueries({ queryKey: drawKey(result.id) });
      void navigate(`/quality-audits/draws/${result.id}`, {
        state: {
          banner: `The sample is drawn: ${result.items.length === 1 ? '1 decision' : `${result.items.length} decisions`} to audit`,
        },
      });
    },
    onError: (error) => {
      // a week drawn already is about the week typed: said on its boxes
      if (error instanceof ApiFailure && error.error.status === 409) {
        setError('week.day', { type: 'server', message: error.error.message });
        return;
      }
      const onBoxes = onDateBoxes(error, (field) => (field === 'weekStarting' ? 'week.day' : undefined));
      const rest = applyServerErrors(onBoxes, setError, ['week.day'], () => 'The week');
      if (rest) setError('root', { message: rest });
    },
  });
  const sending = draw.isPending;
  const problems = problemsOf(formState.errors);
  const submit = form.handleSubmit((values) => {
    const weekStarting = dateOf(values.week);
    if (weekStarting === '')
      return setError('week.day', { message: 'Enter the date of the Monday the week starts on' });
    if (!weekStarting) return setError('week.day', { message: 'The week must start on a real date' });
    once(() => draw.mutateAsync(weekStarting));
  });
  return (
    <Page title="Draw a past week" error={problems.length > 0}>
      <Link to="/quality-audits" className="govuk-back-link">
        Back to quality audits
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary problems={problems} />
          <h1 className="govuk-heading-l">Draw a past week</h1>
          <p className="govuk-body">
            The sample of each week’s threshold decisions is drawn on the Monday after it. Draw a week
            yourself when that draw has not been made. A week is drawn once; the seed it was drawn with is
            kept, so the sample can be drawn again and compared.
          </p>
          <form noValidate onSubmit={(event) => void submit(event)}>
            <DateInput<DrawForm>
              name="week"
              legend="Week starting"
              legendClass="govuk-fieldset__legend--m"
              hint={`The Monday of a week that has ended, for example ${lastMonday()}`}
              register={form.register}
              errors={formState.errors}
            />
            <Submit busy={sending}>Draw the sample</Submit>
          </form>
        </div>
      </div>
    </Page>
  );
}

// a draw: its seed, the sample settings, how many decisions it was drawn from, and its items
export function DrawPage() {
  const { id = '' } = useParams();
  const { me } = useSession();
  const flash = (useLocation().state as { banner?: string } | null)?.banner;
  const draw = useQuery({
    queryKey: drawKey(id),
    queryFn: () => unwrap(client.GET('/api/quality-audits/draws/{id}', { params: { path: { id } } })),
  });
  if (draw.error) return <NotFound />;
  const d = draw.data;
  const share =
    d?.sample.share !== undefined ? `${Math.round(d.sample.share * 100)}% of each screener’s` : '';
  return (
    <Page title={d ? `Sample of the week starting ${weekWords(d.weekStarting)}` : 'Quality audit sample'}>
      {me?.user.role === 'MANAGER' && (
        <Link to="/quality-audits" className="govuk-back-link">
          Back to quality audits
        </Link>
      )}
      {flash && (
        <Banner kind="success" title="Success" focus>
          <p className="govuk-notification-banner__heading">{flash}</p>
        </Banner>
      )}
      {!d ? (
        <>
          <h1 className="govuk-heading-l">Quality audit sample</h1>
          <p className="govuk-body">Loading the sample…</p>
        </>
      ) : (
        <>
          <span className="govuk-caption-l">Quality audit sample</span>
          <h1 className="govuk-heading-l">Week starting {weekWords(d.weekStarting)}</h1>
          <SummaryList
            rows={[
              ['Seed', <code data-testid="draw-seed">{d.seed}</code>],
              ['Drawn', `${d.drawnBy ? d.drawnBy.name : 'The weekly draw'}, ${when(d.drawnAt)}`],
              ['Audits due', when(d.dueAt)],
              [
                'Sample',
                `${share || `${d.sample.perScreener ?? 0} of each screener’s`} decisions, at least ${d.sample.minimumPerScreener} of anyone who decided anything`,
              ],
              ['Drawn from', d.population === 1 ? '1 decision' : `${d.population} decisions`],
              [
                'Drawn again from the seed',
                d.reproducible
                  ? 'Gives the same decisions'
                  : 'Gives different decisions: tell your administrator',
              ],
            ]}
          />
          <table className="govuk-table" data-testid="draw-items">
            <caption className="govuk-table__caption govuk-table__caption--m">
              {d.items.length === 0
                ? 'No decision was made that week'
                : d.items.length === 1
                  ? '1 decision drawn'
                  : `${d.items.length} decisions drawn`}
            </caption>
            <TableHead columns={['Contact', 'Decided by', 'Status']} />
            <tbody className="govuk-table__body">
              {d.items.map((item) => (
                <tr className="govuk-table__row" key={item.id} data-contact={item.contactId}>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`/quality-audits/${item.id}`}>
                      {item.reference}
                      <span className="govuk-visually-hidden">
                        : the audit of a decision by {item.decidedBy.name}
                      </span>
                    </Link>
                  </td>
                  <td className="govuk-table__cell">
                    {item.decidedBy.id === me?.user.id ? 'You' : item.decidedBy.name}
                  </td>
                  <td className="govuk-table__cell">
                    {AUDIT_STATUS_WORDS[item.status]}
                    {item.replaces ? ' (drawn in place of one taken out)' : ''}
                    {item.swapReason ? `: ${item.swapReason}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Page>
  );
}
