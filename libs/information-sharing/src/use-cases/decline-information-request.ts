import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Clock, DomainError, ErrorCode } from '@app/core';
import { Journal } from '@app/live';
import type { IdempotencyInput } from '@app/database';
import { askedRequest } from '../asked-request';
import { keepResponse, replayedResponse, type RespondedVersion } from '../idempotent-response';
import type { DeclineRequestDto } from '../dto/information-request.dto';
import { insertResponse } from '../information-requests.repository';

export interface DeclineInformationRequestCommand extends DeclineRequestDto {
  id: string;
  // a partner system's retry key (decision 0029)
  idempotency?: IdempotencyInput;
}

// issue 18 item 2: the asked agency says why it does not answer, while the request is open (an
// answered request is amended by a new answer, not refused); a later answer is still taken
@Injectable()
export class DeclineInformationRequest {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
  ) {}

  async execute(
    user: AuthenticatedUser,
    { id, idempotency, reason }: DeclineInformationRequestCommand,
  ): Promise<RespondedVersion> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const request = await askedRequest(manager, user, id);
      // another agency's request is no request at all, whatever key came with it
      const replay = await replayedResponse(manager, this.journal, user, id, idempotency);
      if (replay) return replay;
      if (request.status !== 'OPEN')
        throw new DomainError(ErrorCode.STALE_STATE, `The request is ${request.status} already.`);
      const saved = await insertResponse(manager, {
        requestId: id,
        kind: 'DECLINE',
        summary: null,
        knownToAgency: null,
        details: null,
        attachmentsNote: null,
        declineReason: reason,
        respondedBy: user.id,
        respondedAt: now,
      });
      this.journal.write(
        manager,
        user,
        {
          action: 'INFORMATION_DECLINED',
          entityType: 'information_request',
          entityId: id,
          details: { contactId: request.contact_id, version: saved.version },
        },
        [
          { type: 'information.declined', entity: 'contact', id: request.contact_id },
          { type: 'information.declined', entity: 'information_request', id },
        ],
      );
      return keepResponse(manager, user, idempotency, saved);
    });
  }
}
