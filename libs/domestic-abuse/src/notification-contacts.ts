import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { notificationTriageContacts } from './da.repository';

export interface NotificationTriage {
  status: string;
  outcome: string | null;
  triagedBy: string | null;
  // the contacts the triage made, one per child, in the notification's order
  contactIds: string[];
}

// what another module asks of a DA notification (issue 18 item 6: information sharing asks
// partners about the contacts a triage made)
@Injectable()
export class NotificationContacts {
  triageOf(manager: EntityManager, notificationId: string): Promise<NotificationTriage | undefined> {
    return notificationTriageContacts(manager, notificationId);
  }
}
