import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { ContactFactsReader } from '@app/contacts';
import { Clock, DomainError, TimelinessClock } from '@app/core';
import { Journal } from '@app/live';
import type {
  InformationRequestViewDto,
  PartnerInformationRequestViewDto,
} from '../dto/information-request.dto';
import { requestById } from '../information-requests.repository';
import { partnerViews, staffViews } from '../request-views';

export interface ViewInformationRequestCommand {
  id: string;
}

// issue 18 item 3: the asking front door's staff read the whole request; the asked agency reads
// what it needs to search its records and its own answers; anyone else gets a 404 (recorded)
@Injectable()
export class ViewInformationRequest {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contacts: ContactFactsReader,
    private readonly timeliness: TimelinessClock,
    private readonly journal: Journal,
    private readonly clock: Clock,
  ) {}

  async execute(
    user: AuthenticatedUser,
    { id }: ViewInformationRequestCommand,
  ): Promise<InformationRequestViewDto | PartnerInformationRequestViewDto> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const row = await requestById(manager, id);
      if (!row) throw DomainError.notFound('information request');
      const staff = user.role === 'SCREENER' || user.role === 'MANAGER';
      if (!staff && row.agency_id !== user.agencyId) throw DomainError.notYours('information request', id);
      const [view] = staff
        ? await staffViews(manager, this.contacts, this.timeliness, [row], now)
        : await partnerViews(manager, this.contacts, this.timeliness, [row], now);
      this.journal.write(manager, user, {
        action: 'INFORMATION_REQUEST_VIEWED',
        entityType: 'information_request',
        entityId: id,
        details: { contactId: row.contact_id },
      });
      return view;
    });
  }
}
