import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { ContactFactsReader, isOpenForScreening } from '@app/contacts';
import { Clock, DomainError, ErrorCode } from '@app/core';
import type { InformationRequestsResultDto, RequestInformationDto } from '../dto/information-request.dto';
import { InformationAsker } from '../information-asker';
import { mayRequest } from '../policy/request-rules';

export interface RequestInformationCommand extends RequestInformationDto {
  contactId: string;
}

// issue 18 item 1 (decision 0029): the claim holder (or a manager) asks partner agencies what
// they know about an open contact's child: one request per agency, each due by the contact's
// rating and the agency's kind (config/information-sharing.yml), with its lawful basis
@Injectable()
export class RequestInformation {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contacts: ContactFactsReader,
    private readonly asker: InformationAsker,
    private readonly clock: Clock,
  ) {}

  async execute(
    user: AuthenticatedUser,
    { contactId, ...command }: RequestInformationCommand,
  ): Promise<InformationRequestsResultDto> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const contact = await this.contacts.facts(manager, contactId, 'hold');
      if (!contact) throw DomainError.notFound('contact');
      if (!isOpenForScreening(contact.status))
        throw new DomainError(
          ErrorCode.STALE_STATE,
          `The contact is ${contact.status}: ask while it is open.`,
        );
      if (!mayRequest(user, contact.claimedBy))
        throw DomainError.forbidden('Claim the contact before asking partners.');
      return { requests: await this.asker.ask(manager, user, contact, command, now) };
    });
  }
}
