import { Route, Routes } from 'react-router';
import { Agencies, NewAgency } from '../admin/agencies';
import { Clients, NewClient, RevokeClient, RotateClient } from '../admin/clients';
import { ServiceStatus } from '../admin/status';
import { ChangeActive, ChangeRole, NewUser, ResetSignIn, UserAccount, Users } from '../admin/users';
import { NotFound } from '../layout';

// CONSOLE.md A1 and issue 15 screen 8, under /admin/* (ADMIN only, app.tsx): the service's
// status, then agencies, people's accounts and partner systems' API clients (issue 14's routes)
export function Admin() {
  return (
    <Routes>
      <Route index element={<ServiceStatus />} />
      <Route path="agencies" element={<Agencies />} />
      <Route path="agencies/new" element={<NewAgency />} />
      <Route path="users" element={<Users />} />
      <Route path="users/new" element={<NewUser />} />
      <Route path="users/:id" element={<UserAccount />} />
      <Route path="users/:id/role" element={<ChangeRole />} />
      <Route path="users/:id/active" element={<ChangeActive />} />
      <Route path="users/:id/reset" element={<ResetSignIn />} />
      <Route path="clients" element={<Clients />} />
      <Route path="clients/new" element={<NewClient />} />
      <Route path="clients/:id/rotate" element={<RotateClient />} />
      <Route path="clients/:id/revoke" element={<RevokeClient />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
