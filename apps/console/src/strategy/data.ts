import { useQuery, useQueryClient } from '@tanstack/react-query';
import { client, unwrap } from '../api-client';
import { useSession } from '../session';

const key = (id: string) => ['strategy-discussion', id] as const;

// one audited read per visit (GET /api/strategy-discussions/:id), and again after this
// person's own change
export function useDiscussion(id: string) {
  const query = useQuery({
    queryKey: key(id),
    queryFn: () => unwrap(client.GET('/api/strategy-discussions/{id}', { params: { path: { id } } })),
  });
  const queryClient = useQueryClient();
  return { ...query, reload: () => queryClient.invalidateQueries({ queryKey: key(id) }) };
}

// who recorded or started a discussion, by name: the MACH screeners and managers (the same
// read the contact page's Assign makes, so one per tab)
export function useStaffName(): (id: string | undefined) => string {
  const { me } = useSession();
  const users = useQuery({
    queryKey: ['assignable'],
    queryFn: () => unwrap(client.GET('/api/users/assignable')),
  });
  return (id) => {
    if (!id) return '';
    if (id === me?.user.id) return `${me.user.name} (you)`;
    return users.data?.items.find((u) => u.id === id)?.name ?? 'A member of staff';
  };
}
