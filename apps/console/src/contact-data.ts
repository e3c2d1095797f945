import { useQuery, useQueryClient } from '@tanstack/react-query';
import { client, unwrap, type Schema } from './api-client';

export type StaffContact = Schema<'ContactDto'>;
export type PartnerContact = Schema<'PartnerContactDto'>;
export type AnyContact = StaffContact | PartnerContact;

export const isStaffView = (contact: AnyContact): contact is StaffContact => 'child' in contact;

const key = (id: string) => ['contact', id] as const;

// one audited read per visit (GET /api/contacts/:id); the live screening view then patches
// what changes while it is open (RAG, status, claim, deadline) with no second read
export function useContact(id: string) {
  const query = useQuery({
    queryKey: key(id),
    queryFn: () => unwrap(client.GET('/api/contacts/{id}', { params: { path: { id } } })),
  });
  const queryClient = useQueryClient();
  return {
    ...query,
    // after this person's own change: read it again (that read is audited too)
    reload: () => queryClient.invalidateQueries({ queryKey: key(id) }),
  };
}

// the catalogue the decision form offers (GET /api/thresholds), read once per tab
export function useCatalogue() {
  return useQuery({
    queryKey: ['thresholds'],
    queryFn: () => unwrap(client.GET('/api/thresholds')),
  });
}
