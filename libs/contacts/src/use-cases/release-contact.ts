import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Journal } from '@app/live';
import { Clock } from '@app/core';
import { release } from '../contacts.repository';
import type { ReleaseResultDto } from '../dto/contact-response.dto';
import { isOpenForScreening, overridesClaims } from '../policy/screening-rules';
import { alreadyClaimed, noLongerOpen, stateOf } from './claim-contact';

export interface ReleaseContactCommand {
  id: string;
}

// a claimed contact back to the screening queue: by its holder, or by a manager
@Injectable()
export class ReleaseContact {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
  ) {}

  async execute(
    user: AuthenticatedUser,
    { id: contactId }: ReleaseContactCommand,
  ): Promise<ReleaseResultDto> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      if (!(await release(manager, contactId, user.id, overridesClaims(user.role), now))) {
        const state = await stateOf(manager, contactId);
        if (!isOpenForScreening(state.status)) throw noLongerOpen(state);
        if (state.claimed_by === null) return { status: 'RECEIVED' };
        throw alreadyClaimed(state);
      }
      this.journal.write(
        manager,
        user,
        { action: 'CONTACT_RELEASED', entityType: 'contact', entityId: contactId },
        [{ type: 'contact.released', entity: 'contact', id: contactId, submission: 'CONTACT' }],
      );
      return { status: 'RECEIVED' };
    });
  }
}
