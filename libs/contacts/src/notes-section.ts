import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ContactSections, type ContactAudience, type ContactSection } from './contact-sections';
import type { PartnerNotesSectionDto, StaffNotesSectionDto } from './dto/contact-note.dto';
// loaded for its decorators: they describe `notes` on the contact views in the API docs
import './dto/contact-note.dto';
import { notesOf } from './notes.repository';

// the notes part of GET /api/contacts/:id, oldest first: MACH staff read every note, the
// referring partner the notes its own agency added, when there are some (decision 0024)
@Injectable()
export class NotesSection implements ContactSection, OnModuleInit {
  constructor(private readonly sections: ContactSections) {}

  onModuleInit(): void {
    this.sections.register(this);
  }

  async read(
    manager: EntityManager,
    contactId: string,
    audience: ContactAudience,
  ): Promise<StaffNotesSectionDto | PartnerNotesSectionDto> {
    const notes = await notesOf(manager, contactId, audience === 'partner');
    // the partner's view stays its status until its agency adds a note
    return audience === 'staff' || notes.length > 0 ? { notes } : {};
  }
}
