import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Clock } from '@app/core';
import { Journal } from '@app/live';
import { askedRequest } from '../asked-request';
import type { ResponseVersionResultDto, RespondToRequestDto } from '../dto/information-request.dto';
import { insertResponse } from '../information-requests.repository';

export interface AnswerInformationRequestCommand extends RespondToRequestDto {
  id: string;
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
    { id, summary, knownToAgency, details, attachmentsNote }: AnswerInformationRequestCommand,
  ): Promise<ResponseVersionResultDto> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const request = await askedRequest(manager, user, id);
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
      return saved;
    });
  }
}
