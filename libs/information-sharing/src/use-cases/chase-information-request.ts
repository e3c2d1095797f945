import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Clock, DomainError, ErrorCode } from '@app/core';
import { Journal } from '@app/live';
import type { ChaseRequestDto, ChaseResultDto } from '../dto/information-request.dto';
import { insertChase, requestById } from '../information-requests.repository';
import { mayChase } from '../policy/request-rules';

export interface ChaseInformationRequestCommand extends ChaseRequestDto {
  id: string;
}

// issue 18 item 3: who asked (or a manager) chases an open request; each chase is recorded
@Injectable()
export class ChaseInformationRequest {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
  ) {}

  async execute(
    user: AuthenticatedUser,
    { id, note }: ChaseInformationRequestCommand,
  ): Promise<ChaseResultDto> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const request = await requestById(manager, id, true);
      if (!request) throw DomainError.notFound('information request');
      if (!mayChase(user, request.requested_by))
        throw DomainError.forbidden('Only who asked, or a manager, chases a request.');
      if (request.status !== 'OPEN')
        throw new DomainError(ErrorCode.STALE_STATE, `The request is ${request.status}: nothing to chase.`);
      const chase = await insertChase(manager, {
        requestId: id,
        note: note ?? null,
        chasedBy: user.id,
        chasedAt: now,
      });
      this.journal.write(
        manager,
        user,
        {
          action: 'INFORMATION_CHASED',
          entityType: 'information_request',
          entityId: id,
          details: { contactId: request.contact_id, chases: chase.chases },
        },
        [
          { type: 'information.chased', entity: 'contact', id: request.contact_id },
          { type: 'information.chased', entity: 'information_request', id },
        ],
      );
      return chase;
    });
  }
}
