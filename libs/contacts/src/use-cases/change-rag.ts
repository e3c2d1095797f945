import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Journal } from '@app/live';
import { Clock, DomainError, ErrorCode, RAG_POLICY, WorkingCalendar, type RagPolicySchema } from '@app/core';
import type { ChangeRagDto } from '../dto/contact-actions.dto';
import type { RagChangeResultDto } from '../dto/contact-response.dto';
import { ContactTimeliness } from '../contact-timeliness';
import { changeRating, lockContact } from '../contacts.repository';
import { decisionDueAt } from '../policy/rag-policy';
import { canActOnClaim, isOpenForScreening } from '../policy/screening-rules';
import { contactAlreadyClaimed } from '../contact-errors';

export interface ChangeRagCommand extends ChangeRagDto {
  id: string;
}

// DOMAIN.md: a change of rating needs a written reason and moves the deadline
// (recomputed from when the contact was received)
@Injectable()
export class ChangeRag {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    @Inject(RAG_POLICY) private readonly ragPolicy: RagPolicySchema,
    private readonly timeliness: ContactTimeliness,
  ) {}

  async execute(
    user: AuthenticatedUser,
    { id: contactId, ...dto }: ChangeRagCommand,
  ): Promise<RagChangeResultDto> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const contact = await lockContact(manager, contactId);
      if (!contact) throw DomainError.notFound('contact');
      if (!isOpenForScreening(contact.status)) {
        throw new DomainError(
          ErrorCode.STALE_STATE,
          `The contact is ${contact.status}; its rating is settled.`,
        );
      }
      if (!canActOnClaim(user, contact.claimedBy, 'no other holder')) {
        throw contactAlreadyClaimed({ id: contact.claimedBy as string });
      }
      if (contact.rag === dto.rag)
        throw DomainError.validation([{ field: 'rag', message: `is already ${dto.rag}` }]);

      const dueAt = decisionDueAt(contact.receivedAt, dto.rag, this.calendar, this.ragPolicy);
      await changeRating(manager, {
        contactId,
        fromRag: contact.rag,
        toRag: dto.rag,
        reason: dto.reason,
        changedBy: user.id,
        changedAt: now,
        decisionDueAt: dueAt,
        nextTransitionAt: this.timeliness.nextTransitionAt(now, contact.receivedAt, dueAt),
      });
      this.journal.write(
        manager,
        user,
        {
          action: 'CONTACT_RAG_CHANGED',
          entityType: 'contact',
          entityId: contactId,
          details: { from: contact.rag, to: dto.rag },
        },
        [{ type: 'contact.rag_changed', entity: 'contact', id: contactId }],
      );
      return { id: contactId, rag: dto.rag, decisionDueAt: dueAt.toISOString() };
    });
  }
}
