import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ContactFactsReader,
  ContactSections,
  type ContactAudience,
  type ContactSection,
} from '@app/contacts';
import { Clock, TimelinessClock } from '@app/core';
import type { InformationSectionDto } from './dto/information-request.dto';
// loaded for its decorators: they describe the key on the staff contact view in the API docs
import './dto/information-request.dto';
import { requestsOfContact } from './information-requests.repository';
import { staffViews } from './request-views';

// the information requests of GET /api/contacts/:id, for MACH staff only: each request, its
// clock, every answer and chase (the referring partner sees none of it)
@Injectable()
export class InformationSection implements ContactSection, OnModuleInit {
  constructor(
    private readonly sections: ContactSections,
    private readonly contacts: ContactFactsReader,
    private readonly timeliness: TimelinessClock,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.sections.register(this);
  }

  async read(
    manager: EntityManager,
    contactId: string,
    audience: ContactAudience,
  ): Promise<InformationSectionDto> {
    if (audience !== 'staff') return {};
    const rows = await requestsOfContact(manager, contactId);
    if (rows.length === 0) return {};
    return {
      informationRequests: await staffViews(manager, this.contacts, this.timeliness, rows, this.clock.now()),
    };
  }
}
