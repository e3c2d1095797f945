import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import type { EntityManager } from 'typeorm';
import { ContactDto, PartnerContactDto } from './dto/contact-response.dto';

export type ContactAudience = 'staff' | 'partner';

// a part of a contact's record kept by another module; it reads its own tables and returns
// the keys it adds to GET /api/contacts/:id for that audience (or {} for none)
export interface ContactSection {
  read(manager: EntityManager, contactId: string, audience: ContactAudience): Promise<object>;
}

@Injectable()
export class ContactSections {
  private readonly sections: ContactSection[] = [];

  register(section: ContactSection): void {
    this.sections.push(section);
  }

  all(): readonly ContactSection[] {
    return this.sections;
  }
}

const VIEWS = { staff: ContactDto, partner: PartnerContactDto } as const;

// a key a section adds, on the section's own DTO: the OpenAPI document shows it on that
// audience's contact view too (optional there, since a section adds a key only when it has
// something), so the view is described whole while contacts knows no section's module
export function ContactSectionProperty(
  audience: ContactAudience,
  options: ApiPropertyOptions,
): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ ...options })(target, key);
    ApiPropertyOptional({ ...options })(VIEWS[audience].prototype, key);
  };
}
