import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { ContactFactsReader, isOpenForScreening, type ContactFacts } from '@app/contacts';
import { Clock, DomainError, ErrorCode } from '@app/core';
import { NotificationContacts } from '@app/domestic-abuse';
import type { InformationRequestsResultDto, RequestInformationDto } from '../dto/information-request.dto';
import { InformationAsker } from '../information-asker';

export interface RequestInformationForNotificationCommand extends RequestInformationDto {
  notificationId: string;
}

// issue 18 item 6 (decision 0029): a DA notification triaged to a contact asks partners about
// every child at once: one request per agency on each open contact the triage made, in one
// transaction. Who triaged it, or a manager, asks (the contacts are not claimed yet).
@Injectable()
export class RequestInformationForNotification {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationContacts,
    private readonly contacts: ContactFactsReader,
    private readonly asker: InformationAsker,
    private readonly clock: Clock,
  ) {}

  async execute(
    user: AuthenticatedUser,
    { notificationId, ...command }: RequestInformationForNotificationCommand,
  ): Promise<InformationRequestsResultDto> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const triage = await this.notifications.triageOf(manager, notificationId);
      if (!triage) throw DomainError.notFound('DA notification');
      if (user.role !== 'MANAGER' && triage.triagedBy !== user.id)
        throw DomainError.forbidden('Who triaged the notification, or a manager, asks about its children.');
      const open: ContactFacts[] = [];
      for (const id of triage.contactIds) {
        const contact = await this.contacts.facts(manager, id, 'hold');
        if (contact && isOpenForScreening(contact.status)) open.push(contact);
      }
      if (open.length === 0)
        throw new DomainError(
          ErrorCode.STALE_STATE,
          triage.contactIds.length === 0
            ? 'The notification made no contact: triage it to a contact first.'
            : 'Every contact the notification made has been decided.',
        );
      const requests = [];
      for (const contact of open)
        requests.push(...(await this.asker.ask(manager, user, contact, command, now)));
      return { requests };
    });
  }
}
