import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { client, unwrap, type Schema } from '../api-client';
import type { FieldProblem } from '../error-summary';
import { NotFound, Page, ROLE_NAMES } from '../layout';
import { Banner, Input, Select, Submit, SummaryList } from '../ui';
import {
  AGENCY_KINDS,
  BackLink,
  DoneBanner,
  FormPage,
  Loading,
  SecretPage,
  TableHead,
  useAgencies,
  WarningText,
} from './common';
import { clockTime, localDay } from './format';
import { failureMessage, ReasonField, reasonRules, useApiForm } from './forms';

type AgencyViewDto = Schema<'AgencyViewDto'>;
type ApiClientDto = Schema<'ApiClientDto'>;
type ClientSecretResultDto = Schema<'ClientSecretResultDto'>;

// issue 14 item 5: partner systems' credentials, per agency (GET /api/admin/clients?agencyId=)
const clientsKey = (agencyId: string) => ['admin', 'clients', agencyId] as const;
const listPath = (agencyId: string) => `/admin/clients?agencyId=${encodeURIComponent(agencyId)}`;
// what a client of an agency acts as (the api refuses anything else, and social care has none)
const clientRole = (kind: string): Schema<'CreateClientDto'>['role'] =>
  kind === 'POLICE' ? 'POLICE' : 'PARTNER';
const takesClients = (agency: AgencyViewDto) => agency.kind !== 'LA_SOCIAL_CARE';

function useClients(agencyId: string) {
  return useQuery({
    queryKey: clientsKey(agencyId),
    queryFn: () => unwrap(client.GET('/api/admin/clients', { params: { query: { agencyId } } })),
    enabled: agencyId !== '',
  });
}

function useAgency(agencyId: string) {
  const agencies = useAgencies();
  return { agencies, agency: agencies.data?.items.find((a) => a.id === agencyId) };
}

export function Clients() {
  const [params, setParams] = useSearchParams();
  const agencyId = params.get('agencyId') ?? '';
  const { agencies, agency } = useAgency(agencyId);
  const clients = useClients(agencyId);
  const choose = useForm({ values: { agencyId } });
  return (
    <Page title="API clients" wide>
      <BackLink to="/admin">Service status</BackLink>
      <DoneBanner />
      <h1 className="govuk-heading-l">API clients</h1>
      <p className="govuk-body">
        A police force’s or partner agency’s own system signs in with a client ID and secret, and acts for its
        agency. What it sends is attributed to it in the audit trail.
      </p>
      <Loading query={agencies} what="the agencies" />
      {agencies.data && (
        <form
          noValidate
          onSubmit={(e) =>
            void choose.handleSubmit((values) =>
              setParams(values.agencyId ? { agencyId: values.agencyId } : {}),
            )(e)
          }
        >
          <Select
            name="agencyId"
            label="Agency"
            placeholder="Choose an agency"
            choices={agencies.data.items
              .filter(takesClients)
              .map((a) => ({ value: a.id, label: `${a.name} (${AGENCY_KINDS[a.kind] ?? a.kind})` }))}
            register={choose.register}
            errors={choose.formState.errors}
          />
          <button type="submit" className="govuk-button govuk-button--secondary">
            Show its API clients
          </button>
        </form>
      )}
      {agency && (
        <>
          <h2 className="govuk-heading-m">{agency.name}</h2>
          <Link
            to={`/admin/clients/new?agencyId=${encodeURIComponent(agency.id)}`}
            role="button"
            draggable={false}
            className="govuk-button"
          >
            Add an API client for {agency.name}
          </Link>
          <Loading query={clients} what="the API clients" />
          {clients.data && <ClientTable agency={agency} clients={clients.data} />}
        </>
      )}
    </Page>
  );
}

function ClientTable({ agency, clients }: { agency: AgencyViewDto; clients: ApiClientDto[] }) {
  if (clients.length === 0) return <p className="govuk-body">{agency.name} has no API clients.</p>;
  return (
    <table className="govuk-table" data-testid="clients">
      <caption className="govuk-table__caption govuk-table__caption--s">API clients of {agency.name}</caption>
      <TableHead
        columns={[
          'Name',
          'Client ID',
          'Acts as',
          'Status',
          'Added',
          'Secret',
          { label: <span className="govuk-visually-hidden">Actions</span> },
        ]}
      />
      <tbody className="govuk-table__body">
        {clients.map((entry) => (
          <tr className="govuk-table__row" key={entry.id} data-client-id={entry.clientId}>
            <td className="govuk-table__cell">{entry.name}</td>
            <td className="govuk-table__cell govuk-!-text-break-word">
              <code>{entry.clientId}</code>
            </td>
            <td className="govuk-table__cell">{ROLE_NAMES[entry.role] ?? entry.role}</td>
            <td className="govuk-table__cell">
              {entry.active ? (
                <strong className="govuk-tag">Active</strong>
              ) : (
                <strong className="govuk-tag govuk-tag--grey">Revoked</strong>
              )}
            </td>
            <td className="govuk-table__cell">
              {localDay(entry.createdAt)}
              {entry.createdBy ? ` by ${entry.createdBy.name}` : ''}
            </td>
            <td className="govuk-table__cell">
              {entry.revokedAt
                ? `Revoked ${localDay(entry.revokedAt)}`
                : entry.secretRotatedAt
                  ? `Changed ${localDay(entry.secretRotatedAt)}`
                  : 'As issued'}
            </td>
            <td className="govuk-table__cell">
              {entry.active && (
                <ul className="govuk-list govuk-!-margin-bottom-0">
                  <li>
                    <Link
                      to={`/admin/clients/${entry.id}/rotate?agencyId=${encodeURIComponent(agency.id)}`}
                      className="govuk-link"
                    >
                      New secret<span className="govuk-visually-hidden"> for {entry.name}</span>
                    </Link>
                  </li>
                  <li>
                    <Link
                      to={`/admin/clients/${entry.id}/revoke?agencyId=${encodeURIComponent(agency.id)}`}
                      className="govuk-link"
                    >
                      Revoke<span className="govuk-visually-hidden"> {entry.name}</span>
                    </Link>
                  </li>
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// the secret, shown on the page that asked for it, this once
function ClientSecret({
  title,
  agencyId,
  secret,
}: {
  title: string;
  agencyId: string;
  secret: ClientSecretResultDto;
}) {
  return (
    <SecretPage
      title={title}
      testId="client-secret-panel"
      secret={
        <>
          Client ID
          <br />
          <strong data-testid="client-id" className="govuk-!-text-break-word">
            {secret.clientId}
          </strong>
          <br />
          Client secret
          <br />
          <strong data-testid="client-secret" className="govuk-!-text-break-word">
            {secret.clientSecret}
          </strong>
        </>
      }
    >
      <p className="govuk-body">
        The system gets tokens from <code>POST /api/oauth/token</code> with these (OAuth 2.0 client
        credentials).
      </p>
      <p className="govuk-body">
        <Link to={listPath(agencyId)} className="govuk-link">
          Back to the API clients
        </Link>
      </p>
    </SecretPage>
  );
}

// what cannot be undone, or Cancel back to the list
function ConfirmButtons({
  busy,
  agencyId,
  children,
}: {
  busy: boolean;
  agencyId: string;
  children: ReactNode;
}) {
  return (
    <div className="govuk-button-group">
      <Submit busy={busy} kind="warning">
        {children}
      </Submit>
      <Link to={listPath(agencyId)} className="govuk-link">
        Cancel
      </Link>
    </div>
  );
}

function ClientFormPage({
  title,
  agencyId,
  problems,
  children,
}: {
  title: string;
  agencyId: string;
  problems: FieldProblem[];
  children: ReactNode;
}) {
  return (
    <FormPage title={title} back={{ to: listPath(agencyId), label: 'API clients' }} problems={problems}>
      {children}
    </FormPage>
  );
}

export function NewClient() {
  const queries = useQueryClient();
  const agencyId = useSearchParams()[0].get('agencyId') ?? '';
  const { agencies, agency } = useAgency(agencyId);
  const [issued, setIssued] = useState<ClientSecretResultDto>();
  const role = clientRole(agency?.kind ?? '');
  const { register, errors, problems, pending, submit } = useApiForm<{ name: string }, ClientSecretResultDto>(
    {
      labels: { name: 'Name of the system' },
      rules: {
        name: {
          required: 'Enter the name of the system',
          maxLength: { value: 100, message: 'The name must be 100 characters or fewer' },
        },
      },
      defaultValues: { name: '' },
      send: ({ name }) => unwrap(client.POST('/api/admin/clients', { body: { agencyId, name, role } })),
      done: (result) => {
        void queries.invalidateQueries({ queryKey: clientsKey(agencyId) });
        setIssued(result);
      },
    },
  );
  if (issued) return <ClientSecret title="API client added" agencyId={agencyId} secret={issued} />;
  if (agencies.isSuccess && !agency) return <NotFound />;
  return (
    <ClientFormPage title="Add an API client" agencyId={agencyId} problems={problems}>
      <Loading query={agencies} what="the agency" />
      {agency && (
        <form noValidate onSubmit={(e) => void submit(e)}>
          <SummaryList
            rows={[
              ['Agency', agency.name],
              ['Acts as', ROLE_NAMES[role] ?? role],
            ]}
          />
          <Input
            name="name"
            label="Name of the system"
            hint="For people to read, for example Cleveland Police Niche RMS"
            register={register}
            errors={errors}
          />
          <Submit busy={pending}>Add API client</Submit>
        </form>
      )}
    </ClientFormPage>
  );
}

// a page about one client of the agency in the address
function WithClient({ children }: { children: (apiClient: ApiClientDto, agencyId: string) => ReactNode }) {
  const { id = '' } = useParams();
  const agencyId = useSearchParams()[0].get('agencyId') ?? '';
  const clients = useClients(agencyId);
  const apiClient = clients.data?.find((c) => c.id === id);
  if (!agencyId || (clients.isSuccess && !apiClient)) return <NotFound />;
  if (!apiClient)
    return (
      <Page title="API client">
        <h1 className="govuk-heading-l">API client</h1>
        <Loading query={clients} what="the API client" />
      </Page>
    );
  return <>{children(apiClient, agencyId)}</>;
}

export function RotateClient() {
  return (
    <WithClient>{(apiClient, agencyId) => <Rotate apiClient={apiClient} agencyId={agencyId} />}</WithClient>
  );
}

function Rotate({ apiClient, agencyId }: { apiClient: ApiClientDto; agencyId: string }) {
  const queries = useQueryClient();
  const rotate = useMutation({
    mutationFn: () =>
      unwrap(client.POST('/api/admin/clients/{id}/rotate', { params: { path: { id: apiClient.id } } })),
    onSuccess: () => void queries.invalidateQueries({ queryKey: clientsKey(agencyId) }),
  });
  if (rotate.data) return <ClientSecret title="New secret issued" agencyId={agencyId} secret={rotate.data} />;
  const problems = rotate.isError ? [{ field: 'main-content', message: failureMessage(rotate.error) }] : [];
  return (
    <ClientFormPage title={`Give ${apiClient.name} a new secret`} agencyId={agencyId} problems={problems}>
      <WarningText>The current secret, and every token got with it, stops working at once.</WarningText>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!rotate.isPending) rotate.mutate();
        }}
      >
        <ConfirmButtons busy={rotate.isPending} agencyId={agencyId}>
          Issue a new secret
        </ConfirmButtons>
      </form>
    </ClientFormPage>
  );
}

export function RevokeClient() {
  return (
    <WithClient>{(apiClient, agencyId) => <Revoke apiClient={apiClient} agencyId={agencyId} />}</WithClient>
  );
}

function Revoke({ apiClient, agencyId }: { apiClient: ApiClientDto; agencyId: string }) {
  const queries = useQueryClient();
  const navigate = useNavigate();
  const { register, errors, problems, pending, submit } = useApiForm<
    { reason: string },
    Schema<'ClientRevokeResultDto'>
  >({
    labels: { reason: 'Reason' },
    rules: { reason: reasonRules(1, 1000) },
    defaultValues: { reason: '' },
    send: (body) =>
      unwrap(client.POST('/api/admin/clients/{id}/revoke', { params: { path: { id: apiClient.id } }, body })),
    done: (result) => {
      void queries.invalidateQueries({ queryKey: clientsKey(agencyId) });
      void navigate(listPath(agencyId), {
        state: {
          done: `${apiClient.name} is revoked: its tokens stopped working at ${clockTime(result.revokedAt)}`,
        },
      });
    },
  });
  return (
    <ClientFormPage title={`Revoke ${apiClient.name}`} agencyId={agencyId} problems={problems}>
      <Banner title="Important">
        <p className="govuk-notification-banner__heading">This cannot be undone</p>
        <p className="govuk-body">
          The system stops working with the service at once. To connect it again, add a new API client.
        </p>
      </Banner>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <ReasonField label="Why are you revoking it?" register={register} errors={errors} />
        <ConfirmButtons busy={pending} agencyId={agencyId}>
          Revoke API client
        </ConfirmButtons>
      </form>
    </ClientFormPage>
  );
}
