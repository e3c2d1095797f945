import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

// a part of a contact's record kept by another module; it reads its own tables and returns
// the keys it adds to GET /api/contacts/:id for that audience (or {} for none)
export interface ContactSection {
  read(manager: EntityManager, contactId: string, audience: 'staff' | 'partner'): Promise<Record<string, unknown>>;
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
