import { useInfiniteQuery, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiFailure } from '../api';
import { client, unwrap, type Schema } from '../api-client';
import type { FieldProblem } from '../error-summary';
import { NotFound, Page, ROLE_NAMES } from '../layout';
import { Input, Select, Submit, SummaryList } from '../ui';
import {
  BackLink,
  DoneBanner,
  FormPage,
  Loading,
  rolesFor,
  SecretPage,
  ShowOlder,
  TableHead,
  useAgencies,
} from './common';
import { count, dateTime, localDay } from './format';
import { ReasonField, reasonRules, useApiForm } from './forms';

type AdminUserViewDto = Schema<'AdminUserViewDto'>;
type CreateUserResultDto = Schema<'CreateUserResultDto'>;
type ResetUserResultDto = Schema<'ResetUserResultDto'>;
type UserPageDto = Schema<'UserPageDto'>;
type Role = AdminUserViewDto['role'];

const usersKey = ['admin', 'users'] as const;
const userKey = (id: string) => ['admin', 'user', id] as const;
const roleName = (role: string) => ROLE_NAMES[role] ?? role;
// the api's rule for an administrator's reason (5 to 500 characters)
const REASON_RULES = reasonRules(5, 500);

// a person's account changed: the page of it shows the change, and every list reads again
function changed(queries: QueryClient, user: AdminUserViewDto): void {
  queries.setQueryData(userKey(user.id), user);
  void queries.invalidateQueries({ queryKey: usersKey });
}

function UserStatus({ user }: { user: AdminUserViewDto }) {
  if (!user.active) return <strong className="govuk-tag govuk-tag--grey">Deactivated</strong>;
  if (user.lockedUntil && new Date(user.lockedUntil).getTime() > Date.now())
    return <strong className="govuk-tag govuk-tag--grey">Locked</strong>;
  if (!user.passwordSet) return <strong className="govuk-tag govuk-tag--grey">Setup code sent</strong>;
  return <strong className="govuk-tag">Active</strong>;
}

// GET /api/admin/users: newest first, searched by name or email, in pages
export function Users() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const search = useForm({ values: { q } });
  const users = useInfiniteQuery({
    queryKey: [...usersKey, q],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        client.GET('/api/admin/users', {
          params: { query: { q: q || undefined, before: pageParam, limit: 50 } },
        }),
      ),
    getNextPageParam: (last) => last.nextBefore,
  });
  const items = users.data?.pages.flatMap((page) => page.items) ?? [];
  const total = users.data?.pages[0]?.total ?? 0;
  return (
    <Page title="People’s accounts" wide>
      <BackLink to="/admin">Service status</BackLink>
      <DoneBanner />
      <h1 className="govuk-heading-l">People’s accounts</h1>
      <Link to="/admin/users/new" role="button" draggable={false} className="govuk-button">
        Add an account
      </Link>
      <form
        noValidate
        role="search"
        onSubmit={(e) =>
          void search.handleSubmit((values) => setParams(values.q.trim() ? { q: values.q.trim() } : {}))(e)
        }
      >
        <Input
          name="q"
          label="Search by name or email"
          width="20"
          register={search.register}
          errors={search.formState.errors}
        />
        <button type="submit" className="govuk-button govuk-button--secondary">
          Search
        </button>
      </form>
      <Loading query={users} what="the accounts" />
      {users.isSuccess && (
        <table className="govuk-table" data-testid="users">
          <caption className="govuk-table__caption govuk-table__caption--m">
            {count(total)} {total === 1 ? 'account' : 'accounts'}
            {q ? ` matching “${q}”` : ''}
          </caption>
          <TableHead columns={['Name', 'Email', 'Role', 'Agency', 'Status']} />
          <tbody className="govuk-table__body">
            {items.map((user) => (
              <tr className="govuk-table__row" key={user.id} data-email={user.email}>
                <td className="govuk-table__cell">
                  <Link to={`/admin/users/${user.id}`} className="govuk-link">
                    {user.name}
                  </Link>
                </td>
                <td className="govuk-table__cell govuk-!-text-break-word">{user.email}</td>
                <td className="govuk-table__cell">{roleName(user.role)}</td>
                <td className="govuk-table__cell">{user.agency.name}</td>
                <td className="govuk-table__cell">
                  <UserStatus user={user} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ShowOlder list={users}>Show older accounts</ShowOlder>
    </Page>
  );
}

// the api has no read of one account: it is found in the lists already read, else by paging
// through them (each read is audited as ADMIN_USERS_LISTED, like any list)
function useUser(id: string) {
  const queries = useQueryClient();
  return useQuery({
    queryKey: userKey(id),
    initialData: () => {
      for (const [, data] of queries.getQueriesData<{ pages: UserPageDto[] }>({ queryKey: usersKey })) {
        const found = data?.pages.flatMap((page) => page.items).find((user) => user.id === id);
        if (found) return found;
      }
      return undefined;
    },
    queryFn: async () => {
      let before: string | undefined;
      do {
        const page = await unwrap(
          client.GET('/api/admin/users', { params: { query: { before, limit: 200 } } }),
        );
        const found = page.items.find((user) => user.id === id);
        if (found) return found;
        before = page.nextBefore;
      } while (before);
      throw new ApiFailure({ status: 404, code: 'NOT_FOUND', message: 'No such account' });
    },
  });
}

// a page about one account: the account, or why it is not shown
function WithUser({ children }: { children: (user: AdminUserViewDto) => ReactNode }) {
  const { id = '' } = useParams();
  const user = useUser(id);
  if (user.error instanceof ApiFailure && user.error.error.status === 404) return <NotFound />;
  if (!user.data)
    return (
      <Page title="Account">
        <h1 className="govuk-heading-l">Account</h1>
        <Loading query={user} what="the account" />
      </Page>
    );
  return <>{children(user.data)}</>;
}

export function UserAccount() {
  return <WithUser>{(user) => <UserSummary user={user} />}</WithUser>;
}

function UserSummary({ user }: { user: AdminUserViewDto }) {
  const rows: [string, ReactNode][] = [
    ['Name', user.name],
    ['Email', user.email],
    ['Role', roleName(user.role)],
    ['Agency', user.agency.name],
    ['Status', <UserStatus user={user} key="status" />],
    [
      'Password',
      user.passwordSet
        ? 'Set'
        : user.setupCodeExpiresAt
          ? `Not set: the setup code expires ${dateTime(user.setupCodeExpiresAt)}`
          : 'Not set',
    ],
    ['Second factor', user.mfaEnabled ? 'Set up' : 'Not set up'],
    ['Failed sign-ins in a row', count(user.failedSignIns)],
    ['Account added', localDay(user.createdAt)],
  ];
  return (
    <Page title={user.name}>
      <BackLink to="/admin/users">People’s accounts</BackLink>
      <DoneBanner />
      <span className="govuk-caption-l">Account</span>
      <h1 className="govuk-heading-l">{user.name}</h1>
      <div data-testid="user-summary">
        <SummaryList rows={rows} />
      </div>
      <h2 className="govuk-heading-m">Change this account</h2>
      <ul className="govuk-list">
        {user.active && (
          <li>
            <Link to={`/admin/users/${user.id}/role`} className="govuk-link">
              Change role<span className="govuk-visually-hidden"> of {user.name}</span>
            </Link>
          </li>
        )}
        {user.active && (
          <li>
            <Link to={`/admin/users/${user.id}/reset`} className="govuk-link">
              Reset sign-in (a new setup code)<span className="govuk-visually-hidden"> for {user.name}</span>
            </Link>
          </li>
        )}
        <li>
          <Link to={`/admin/users/${user.id}/active`} className="govuk-link">
            {user.active ? 'Deactivate' : 'Reactivate'}
            <span className="govuk-visually-hidden"> {user.name}’s account</span>
          </Link>
        </li>
      </ul>
    </Page>
  );
}

// the one-time setup code, on the page that asked for it
function SetupCode({ result, heading }: { result: CreateUserResultDto; heading: string }) {
  const staff = result.user.role !== 'PARTNER' && result.user.role !== 'POLICE';
  return (
    <SecretPage
      title={heading}
      testId="setup-code-panel"
      secret={
        <>
          Setup code for {result.user.name}
          <br />
          <strong data-testid="setup-code" className="govuk-!-font-size-36">
            {result.setupCode}
          </strong>
        </>
      }
    >
      <p className="govuk-body">
        Give the code to {result.user.name} ({result.user.email}). It works until{' '}
        {dateTime(result.setupCodeExpiresAt)}. They use it with their email address to choose a password, then
        sign in{staff ? ' and set up their second factor' : ''}.
      </p>
      <p className="govuk-body">
        <Link to={`/admin/users/${result.user.id}`} className="govuk-link">
          Go to {result.user.name}’s account
        </Link>
      </p>
      <p className="govuk-body">
        <Link to="/admin/users" className="govuk-link">
          Back to people’s accounts
        </Link>
      </p>
    </SecretPage>
  );
}

interface NewUserValues {
  name: string;
  email: string;
  agencyId: string;
  role: Role | '';
}

export function NewUser() {
  const queries = useQueryClient();
  const agencies = useAgencies();
  const [created, setCreated] = useState<CreateUserResultDto>();
  const { form, register, errors, problems, pending, submit } = useApiForm<
    NewUserValues,
    CreateUserResultDto
  >({
    labels: { name: 'Full name', email: 'Email address', agencyId: 'Agency', role: 'Role' },
    rules: {
      name: { required: 'Enter the person’s full name' },
      email: { required: 'Enter the person’s email address' },
      agencyId: { required: 'Choose the person’s agency' },
      role: { required: 'Choose the person’s role' },
    },
    defaultValues: { name: '', email: '', agencyId: '', role: '' },
    send: ({ role, ...values }) =>
      unwrap(client.POST('/api/admin/users', { body: { ...values, role: role as Role } })),
    done: (result) => {
      changed(queries, result.user);
      setCreated(result);
    },
  });
  const agencyId = form.watch('agencyId');
  const kind = agencies.data?.items.find((agency) => agency.id === agencyId)?.kind;
  const roles = rolesFor(kind);
  // a role the newly chosen agency does not take is no answer; its only role is
  const only = roles.length === 1 ? roles[0] : '';
  useEffect(() => {
    const role = form.getValues('role');
    if (only) form.setValue('role', only);
    else if (role && !rolesFor(kind).includes(role)) form.setValue('role', '');
  }, [kind, only, form]);
  if (created) return <SetupCode result={created} heading="Account created" />;
  return (
    <FormPage
      title="Add an account"
      back={{ to: '/admin/users', label: 'People’s accounts' }}
      problems={problems}
    >
      <p className="govuk-body">
        The person gets a setup code, shown on the next page once, to choose their own password.
      </p>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <Input name="name" label="Full name" register={register} errors={errors} />
        <Input name="email" label="Email address" type="email" register={register} errors={errors} />
        <Select
          name="agencyId"
          label="Agency"
          placeholder={agencies.isPending ? 'Loading the agencies…' : 'Choose an agency'}
          choices={(agencies.data?.items ?? []).map((agency) => ({ value: agency.id, label: agency.name }))}
          register={register}
          errors={errors}
        />
        <Select
          name="role"
          label="Role"
          hint="Social care staff are screeners, managers or administrators; police officers are police; everyone else is a partner"
          placeholder={roles.length ? 'Choose a role' : 'Choose an agency first'}
          choices={roles.map((role) => ({ value: role, label: roleName(role) }))}
          register={register}
          errors={errors}
        />
        <Submit busy={pending}>Add account</Submit>
      </form>
    </FormPage>
  );
}

// one change to one account, on a page of its own (the GOV.UK question page)
function ChangePage({
  title,
  user,
  problems,
  children,
}: {
  title: string;
  user: AdminUserViewDto;
  problems: FieldProblem[];
  children: ReactNode;
}) {
  return (
    <FormPage
      title={title}
      back={{ to: `/admin/users/${user.id}`, label: user.name }}
      caption={user.name}
      problems={problems}
    >
      {children}
    </FormPage>
  );
}

export function ChangeRole() {
  return <WithUser>{(user) => <ChangeRoleForm user={user} />}</WithUser>;
}

function ChangeRoleForm({ user }: { user: AdminUserViewDto }) {
  const queries = useQueryClient();
  const navigate = useNavigate();
  const { register, errors, problems, pending, submit } = useApiForm<{ role: Role }, AdminUserViewDto>({
    labels: { role: 'Role' },
    rules: { role: { required: 'Choose a role' } },
    defaultValues: { role: user.role },
    send: (body) =>
      unwrap(client.PATCH('/api/admin/users/{id}', { params: { path: { id: user.id } }, body })),
    done: (updated) => {
      changed(queries, updated);
      void navigate(`/admin/users/${user.id}`, {
        state: {
          done: `${updated.name} is now ${roleName(updated.role).toLowerCase()}. Their sessions have ended.`,
        },
      });
    },
  });
  return (
    <ChangePage title="Change role" user={user} problems={problems}>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <Select
          name="role"
          label="Role"
          hint="A new role ends the person’s sessions: they sign in again"
          placeholder="Choose a role"
          choices={rolesFor(user.agency.kind).map((role) => ({ value: role, label: roleName(role) }))}
          register={register}
          errors={errors}
        />
        <Submit busy={pending}>Change role</Submit>
      </form>
    </ChangePage>
  );
}

export function ChangeActive() {
  return <WithUser>{(user) => <ChangeActiveForm user={user} />}</WithUser>;
}

function ChangeActiveForm({ user }: { user: AdminUserViewDto }) {
  const queries = useQueryClient();
  const navigate = useNavigate();
  const deactivate = user.active;
  const { register, errors, problems, pending, submit } = useApiForm<{ reason: string }, AdminUserViewDto>({
    labels: { reason: 'Reason' },
    rules: deactivate ? { reason: REASON_RULES } : {},
    defaultValues: { reason: '' },
    send: ({ reason }) =>
      unwrap(
        client.PATCH('/api/admin/users/{id}', {
          params: { path: { id: user.id } },
          body: reason.trim() ? { active: !deactivate, reason } : { active: !deactivate },
        }),
      ),
    done: (updated) => {
      changed(queries, updated);
      void navigate(`/admin/users/${user.id}`, {
        state: {
          done: deactivate
            ? `${updated.name}’s account is deactivated: they cannot sign in, and their sessions have ended`
            : `${updated.name}’s account is active again`,
        },
      });
    },
  });
  return (
    <ChangePage
      title={deactivate ? 'Deactivate account' : 'Reactivate account'}
      user={user}
      problems={problems}
    >
      <p className="govuk-body">
        {deactivate
          ? `${user.name} will not be able to sign in, and any session they have ends now.`
          : `${user.name} will be able to sign in again.`}
      </p>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <ReasonField
          label={
            deactivate ? 'Why are you deactivating this account?' : 'Why are you reactivating it? (optional)'
          }
          register={register}
          errors={errors}
        />
        {deactivate ? (
          <Submit busy={pending} kind="warning">
            Deactivate account
          </Submit>
        ) : (
          <Submit busy={pending}>Reactivate account</Submit>
        )}
      </form>
    </ChangePage>
  );
}

export function ResetSignIn() {
  return <WithUser>{(user) => <ResetForm user={user} />}</WithUser>;
}

function ResetForm({ user }: { user: AdminUserViewDto }) {
  const queries = useQueryClient();
  const [reset, setReset] = useState<ResetUserResultDto>();
  const { register, errors, problems, pending, submit } = useApiForm<
    { reason: string; resetMfa: boolean },
    ResetUserResultDto
  >({
    labels: { reason: 'Reason', resetMfa: 'Second factor' },
    rules: { reason: REASON_RULES },
    defaultValues: { reason: '', resetMfa: false },
    send: (body) =>
      unwrap(client.POST('/api/admin/users/{id}/reset', { params: { path: { id: user.id } }, body })),
    done: (result) => {
      changed(queries, result.user);
      setReset(result);
    },
  });
  if (reset) return <SetupCode result={reset} heading="Sign-in reset" />;
  return (
    <ChangePage title="Reset sign-in" user={user} problems={problems}>
      <p className="govuk-body">
        {user.name}’s password stops working and their sessions end now. They get a new setup code, shown
        once, to choose a new password.
      </p>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <ReasonField label="Why are you resetting their sign-in?" register={register} errors={errors} />
        <div className="govuk-form-group">
          <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
            <div className="govuk-checkboxes__item">
              <input
                className="govuk-checkboxes__input"
                id="resetMfa"
                type="checkbox"
                {...register('resetMfa')}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="resetMfa">
                Remove their second factor too (a lost or replaced phone)
              </label>
            </div>
          </div>
        </div>
        <Submit busy={pending} kind="warning">
          Reset sign-in
        </Submit>
      </form>
    </ChangePage>
  );
}
