import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { client, unwrap, type Schema } from '../api-client';
import { Page } from '../layout';
import { Input, Select, Submit } from '../ui';
import {
  AGENCY_KINDS,
  agenciesKey,
  BackLink,
  DoneBanner,
  FormPage,
  Loading,
  TableHead,
  useAgencies,
} from './common';
import { count, localDay } from './format';
import { useApiForm } from './forms';

// the agencies people and systems belong to (GET /api/admin/agencies)
export function Agencies() {
  const agencies = useAgencies();
  return (
    <Page title="Agencies">
      <BackLink to="/admin">Service status</BackLink>
      <DoneBanner />
      <h1 className="govuk-heading-l">Agencies</h1>
      <Link to="/admin/agencies/new" role="button" draggable={false} className="govuk-button">
        Add an agency
      </Link>
      <Loading query={agencies} what="the agencies" />
      {agencies.data && (
        <table className="govuk-table" data-testid="agencies">
          <caption className="govuk-table__caption govuk-table__caption--m">
            {count(agencies.data.total)} {agencies.data.total === 1 ? 'agency' : 'agencies'}
          </caption>
          <TableHead
            columns={['Name', 'Kind', { label: 'People who can sign in', numeric: true }, 'Added']}
          />
          <tbody className="govuk-table__body">
            {agencies.data.items.map((agency) => (
              <tr className="govuk-table__row" key={agency.id}>
                <td className="govuk-table__cell">{agency.name}</td>
                <td className="govuk-table__cell">{AGENCY_KINDS[agency.kind] ?? agency.kind}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{count(agency.activeUsers)}</td>
                <td className="govuk-table__cell">{localDay(agency.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}

type Kind = Schema<'CreateAgencyDto'>['kind'];
interface NewAgencyValues {
  name: string;
  kind: Kind | '';
}

export function NewAgency() {
  const navigate = useNavigate();
  const queries = useQueryClient();
  const { register, errors, problems, pending, submit } = useApiForm<
    NewAgencyValues,
    Schema<'AgencyViewDto'>
  >({
    labels: { name: 'Name', kind: 'Kind of agency' },
    rules: {
      name: { required: 'Enter the agency’s name' },
      kind: { required: 'Choose the kind of agency' },
    },
    defaultValues: { name: '', kind: '' },
    send: ({ name, kind }) =>
      unwrap(client.POST('/api/admin/agencies', { body: { name, kind: kind as Kind } })),
    done: (agency) => {
      void queries.invalidateQueries({ queryKey: agenciesKey });
      void navigate('/admin/agencies', { state: { done: `${agency.name} added` } });
    },
  });
  return (
    <FormPage title="Add an agency" back={{ to: '/admin/agencies', label: 'Agencies' }} problems={problems}>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <Input
          name="name"
          label="Name"
          hint="For example, Acklam Primary School or Cleveland Police"
          register={register}
          errors={errors}
        />
        <Select
          name="kind"
          label="Kind of agency"
          hint="It decides which roles its people can have"
          placeholder="Choose a kind"
          choices={Object.entries(AGENCY_KINDS).map(([value, label]) => ({ value, label }))}
          register={register}
          errors={errors}
        />
        <Submit busy={pending}>Add agency</Submit>
      </form>
    </FormPage>
  );
}
