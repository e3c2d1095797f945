import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { openRequestCount } from './information-requests.repository';

// what a threshold decision asks (issue 18 item 3): how many of the contact's requests wait for
// an answer (a decision then needs openRequestsReason)
@Injectable()
export class OpenInformationRequests {
  count(manager: EntityManager, contactId: string): Promise<number> {
    return openRequestCount(manager, contactId);
  }
}
