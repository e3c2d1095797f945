import { useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiFailure } from '../api';
import { client, unwrap } from '../api-client';
import { dateOf, DateInput, partsOfDate, type DateParts } from '../date-input';
import { ErrorSummary } from '../error-summary';
import { Page } from '../layout';
import { dateOnly, Input, problemsOf } from '../ui';

interface Form {
  name: string;
  dateOfBirth: DateParts;
  nhsNumber: string;
  postcode: string;
}

const CRITERIA = ['name', 'dateOfBirth', 'nhsNumber', 'postcode'] as const;

// issue 17 item 8: find a child by any of name, date of birth, NHS number and postcode; the
// criteria live in the address (a search can be linked, and Back returns to it), and the
// results say why each child matched
export function FindChild() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const asked = Object.fromEntries(
    CRITERIA.flatMap((key) => {
      const value = params.get(key)?.trim();
      return value ? [[key, value]] : [];
    }),
  ) as Partial<Record<(typeof CRITERIA)[number], string>>;
  const searched = Object.keys(asked).length > 0;
  const form = useForm<Form>({
    defaultValues: {
      name: asked.name ?? '',
      dateOfBirth: partsOfDate(asked.dateOfBirth),
      nhsNumber: asked.nhsNumber ?? '',
      postcode: asked.postcode ?? '',
    },
  });
  const { register, formState, handleSubmit, setError } = form;
  const results = useQuery({
    queryKey: ['child-search', asked],
    enabled: searched,
    queryFn: () => unwrap(client.GET('/api/children/search', { params: { query: asked } })),
  });
  const serverProblems =
    results.error instanceof ApiFailure && results.error.error.status === 400
      ? (results.error.error.details ?? []).map((d) => ({
          field: d.field === 'dateOfBirth' ? 'dateOfBirth-day' : d.field,
          message: `${d.field === 'nhsNumber' ? 'NHS number' : d.field === 'dateOfBirth' ? 'Date of birth' : d.field} ${d.message}`,
        }))
      : [];
  const problems = [...problemsOf(formState.errors), ...serverProblems];
  return (
    <Page title="Find a child" error={problems.length > 0} wide>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary problems={problems} />
          <h1 className="govuk-heading-l">Find a child</h1>
          <p className="govuk-body">
            Search by any of these. Names are matched however they are spelt or sound, and a date of birth
            with its day and month swapped or a digit wrong still finds the child: check the reasons.
          </p>
          <form
            noValidate
            role="search"
            onSubmit={handleSubmit((body) => {
              const date = dateOf(body.dateOfBirth);
              if (date === undefined) {
                return setError('dateOfBirth.day', {
                  message: 'Enter a real date of birth, or leave it blank',
                });
              }
              const query = new URLSearchParams();
              if (body.name.trim()) query.set('name', body.name.trim());
              if (date) query.set('dateOfBirth', date);
              if (body.nhsNumber.trim()) query.set('nhsNumber', body.nhsNumber.trim());
              if (body.postcode.trim()) query.set('postcode', body.postcode.trim());
              if ([...query.keys()].length === 0) {
                return setError('name', {
                  message: 'Enter a name, a date of birth, an NHS number or a postcode',
                });
              }
              void navigate(`/children?${query.toString()}`);
            })}
          >
            <Input<Form>
              name="name"
              label="Name"
              hint="First and last name, or either"
              register={register}
              errors={formState.errors}
              autoComplete="off"
            />
            <DateInput<Form>
              name="dateOfBirth"
              legend="Date of birth"
              hint="For example, 27 3 2017"
              register={register}
              errors={formState.errors}
            />
            <Input<Form>
              name="nhsNumber"
              label="NHS number"
              hint="10 digits"
              register={register}
              errors={formState.errors}
              inputMode="numeric"
              width="10"
              autoComplete="off"
            />
            <Input<Form>
              name="postcode"
              label="Postcode"
              register={register}
              errors={formState.errors}
              width="10"
              autoComplete="off"
            />
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Search
            </button>
          </form>
        </div>
      </div>
      {searched && results.data && (
        <table className="govuk-table fd-queue" data-testid="child-matches">
          <caption className="govuk-table__caption govuk-table__caption--m" tabIndex={-1}>
            {results.data.items.length === 0
              ? 'No children match'
              : `${results.data.items.length === 1 ? '1 child' : `${results.data.items.length} children`} may be the one, best match first`}
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              {['Child', 'Date of birth', 'Match', 'Why'].map((column) => (
                <th scope="col" className="govuk-table__header" key={column}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {results.data.items.map((child) => (
              <tr className="govuk-table__row" key={child.id}>
                <td className="govuk-table__cell" data-label="Child">
                  <Link className="govuk-link" to={`/children/${child.id}`}>
                    {child.firstName} {child.lastName}
                  </Link>
                </td>
                <td className="govuk-table__cell" data-label="Date of birth">
                  {child.dateOfBirth ? dateOnly(child.dateOfBirth) : 'Not known'}
                </td>
                <td className="govuk-table__cell" data-label="Match">
                  {Math.round(child.score * 100)}%
                </td>
                <td className="govuk-table__cell" data-label="Why">
                  <ul className="govuk-list govuk-body-s" data-testid="match-reasons">
                    {child.reasons.map((reason) => (
                      <li key={reason}>{reason}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {searched && results.data?.items.length === 0 && (
        <p className="govuk-body">
          Check the spelling, try fewer details, or search by date of birth alone. A child the front door has
          never heard of is added to the register when a contact about them is recorded.
        </p>
      )}
    </Page>
  );
}
