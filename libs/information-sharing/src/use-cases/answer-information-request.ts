import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Clock } from '@app/core';
import { Journal } from '@app/live';
import type { IdempotencyInput } from '@app/database';
import { askedRequest } from '../asked-request';
import { keepResponse, replayedResponse, type RespondedVersion } from '../idempotent-response';
import type { RespondToRequestDto } from '../dto/information-request.dto';
import { insertResponse } from '../information-requests.repository';

export interface AnswerInformationRequestCommand extends RespondToRequestDto {
  id: string;
  // a partner system's retry key (decision 0029)
  idempotency?: IdempotencyInput;
}

// issue 18 item 2: the asked agency answers; answers are append-only, an amendment is the next
// version (after a refusal too); the first answer stops the clock
@Injectable()
export class AnswerInformationRequest {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
  ) {}

  async execute(
    user: AuthenticatedUser,
    { id, idempotency, summary, knownToAgency, details, attachmentsNote }: AnswerInformationRequestCommand,
  ): Promise<RespondedVersion> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const request = await askedRequest(manager, user, id);
      // another agency's request is no request at all, whatever key came with it
      const replay = await replayedResponse(manager, this.journal, user, id, idempotency);
      if (replay) return replay;
      const saved = await insertResponse(manager, {
        requestId: id,
        kind: 'ANSWER',
        summary,
        knownToAgency,
        details: details ?? null,
        attachmentsNote: attachmentsNote ?? null,
        declineReason: null,
        respondedBy: user.id,
        respondedAt: now,
      });
      this.journal.write(
        manager,
        user,
        {
          action: 'INFORMATION_ANSWERED',
          entityType: 'information_request',
          entityId: id,
          details: { contactId: request.contact_id, version: saved.version },
        },
        [
          { type: 'information.answered', entity: 'contact', id: request.contact_id },
          { type: 'information.answered', entity: 'information_request', id },
        ],
      );
      return keepResponse(manager, user, idempotency, saved);
    });
  }
}
