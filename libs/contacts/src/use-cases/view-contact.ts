import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertCanSeeAgencyRecord, isMachStaff, type AuthenticatedUser } from '@app/access';
import { Journal } from '@app/live';
import { Clock, WorkingCalendar } from '@app/core';
import { ContactSections } from '../contact-sections';
import { asOfIn, findContact, householdOf, partnerView, sectionsFor, staffView } from '../contact-reader';
import type { ContactDto, PartnerContactDto } from '../dto/contact-response.dto';
import { clearNewInformation } from '../notes.repository';

export interface ViewContactCommand {
  id: string;
}

// every read of a contact, and of the child history and the household's children it shows, is audited
@Injectable()
export class ViewContact {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    private readonly sections: ContactSections,
  ) {}

  async execute(
    user: AuthenticatedUser,
    { id: contactId }: ViewContactCommand,
  ): Promise<ContactDto | PartnerContactDto> {
    return this.dataSource.transaction(async (manager) => {
      const contact = await findContact(manager, contactId);
      // a partner sees only what its own agency sent, and "not yours" reads as "not found"
      assertCanSeeAgencyRecord(user, contact.originAgencyId, 'contact', contact.id);
      if (!isMachStaff(user)) {
        this.journal.write(manager, user, {
          action: 'CONTACT_VIEWED',
          entityType: 'contact',
          entityId: contact.id,
        });
        return {
          ...partnerView(contact),
          ...(await sectionsFor(manager, this.sections, contact.id, 'partner')),
        };
      }
      // decision 0024: MACH staff reading the contact read the partner's new information; cleared
      // first, so a partner's note committing meanwhile is in the notes this read returns
      const informationRead = await clearNewInformation(manager, contact.id);
      const household = await householdOf(manager, contact);
      const view = {
        ...(await staffView(manager, contact, asOfIn(this.calendar, this.clock.now()), true)),
        household: household.contacts,
        ...(await sectionsFor(manager, this.sections, contact.id, 'staff')),
      };
      this.journal.write(
        manager,
        user,
        [
          { action: 'CONTACT_VIEWED', entityType: 'contact', entityId: contact.id },
          {
            action: 'CHILD_HISTORY_VIEWED',
            entityType: 'child',
            entityId: contact.childId,
            details: { contactId: contact.id },
          },
          // the siblings' names and dates of birth are a read of their records too
          ...household.otherChildIds.map((childId) => ({
            action: 'HOUSEHOLD_MEMBER_VIEWED',
            entityType: 'child',
            entityId: childId,
            details: { contactId: contact.id },
          })),
          ...(informationRead
            ? [{ action: 'CONTACT_NEW_INFORMATION_READ', entityType: 'contact', entityId: contact.id }]
            : []),
        ],
        // the screening queue item loses its NEW_INFORMATION flag, live
        informationRead ? [{ type: 'contact.new_information_read', entity: 'contact', id: contact.id }] : [],
      );
      return view;
    });
  }
}
