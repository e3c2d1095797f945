import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { ContactSectionProperty } from '../contact-sections';
import { NOTE_KINDS, NOTE_TEXT_MAX, type NoteKind } from '../policy/note-rules';
import { Trim } from './validators';

// POST /api/contacts/:id/notes
export class AddContactNoteDto {
  @ApiProperty({
    enum: NOTE_KINDS,
    description: 'a PARTNER may add REFERRER_UPDATE only (what the referrer adds to its own open contact)',
  })
  @IsIn(NOTE_KINDS)
  kind: NoteKind;

  @ApiProperty({
    minLength: 1,
    maxLength: NOTE_TEXT_MAX,
    description: `the note, 1 to ${NOTE_TEXT_MAX} characters once leading and trailing spaces are trimmed`,
  })
  @Trim()
  @IsString()
  @Length(1, NOTE_TEXT_MAX, { message: `write the note (1 to ${NOTE_TEXT_MAX} characters)` })
  text: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'this note corrects an earlier note of the same contact (notes are never changed or deleted); a note is corrected once, so correct the correction',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be the id of an earlier note of this contact' })
  corrects?: string;
}

export class NoteAgencyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

export class NoteAuthorDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: NoteAgencyDto })
  agency: NoteAgencyDto;
}

// one note as GET /api/contacts/:id lists it
export class ContactNoteDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: NOTE_KINDS })
  kind: NoteKind;

  @ApiProperty()
  text: string;

  @ApiProperty({ type: NoteAuthorDto })
  author: NoteAuthorDto;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the earlier note this one corrects' })
  corrects?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'the later note that corrects this one (the reader sees it: a partner only its own agency’s)',
  })
  correctedBy?: string;
}

// the answer to POST /api/contacts/:id/notes: the note as stored (nothing corrects it yet)
export class AddNoteResultDto extends OmitType(ContactNoteDto, ['correctedBy'] as const) {
  @ApiProperty({ format: 'uuid' })
  contactId: string;
}

// what the notes section adds to GET /api/contacts/:id for MACH staff: every note
export class StaffNotesSectionDto {
  @ContactSectionProperty('staff', {
    type: [ContactNoteDto],
    description: 'case notes and additional information, oldest first (append-only; corrections point back)',
  })
  notes?: ContactNoteDto[];
}

// and for the referring partner: its own agency's notes only
export class PartnerNotesSectionDto {
  @ContactSectionProperty('partner', {
    type: [ContactNoteDto],
    description: 'the notes your agency added, oldest first',
  })
  notes?: ContactNoteDto[];
}
