import { useSession } from '../session';
import { NotificationStatus } from './notification-status';
import { TriageNotification } from './triage-notification';

// /da-notifications/:id: MACH staff triage it; the force that sent it follows its status
export function DaNotification() {
  const { me } = useSession();
  return me?.user.role === 'POLICE' ? <NotificationStatus /> : <TriageNotification />;
}
