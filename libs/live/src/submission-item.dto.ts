import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SubmissionItem } from './submissions';

class SubmissionRecipientDto {
  @ApiProperty({ example: 'Pat Partner' })
  name: string;

  @ApiPropertyOptional({ example: 'Acklam Primary School' })
  organisation?: string;
}

class SubmissionAcknowledgementDto {
  @ApiProperty({ type: SubmissionRecipientDto, description: 'the referrer told of the outcome' })
  recipient: SubmissionRecipientDto;

  @ApiProperty({ enum: ['NO_FURTHER_ACTION', 'INFORMATION_AND_ADVICE', 'EARLY_HELP', 'SOCIAL_CARE'] })
  outcome: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

// the live `submissions` view's item (API.md "Live"): in the subscribe ack `{ seq, items }` and
// in `submission.changed { seq, item }`. No route answers it, so it is in the document as a
// model of its own, for the console's generated types
export class SubmissionItemDto implements SubmissionItem {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({
    enum: ['CONTACT', 'DA_NOTIFICATION'],
    description: 'PARTNER: contacts; POLICE: DA notifications',
  })
  kind: SubmissionItem['kind'];

  @ApiProperty({ example: 'CON-2026-000123', description: 'the contact reference, or the police reference' })
  reference: string;

  @ApiProperty({
    example: 'Amira Khan',
    description:
      'the child the sender named, "First Last"; a DA notification’s children with ", " between them',
  })
  childName: string;

  @ApiProperty({ example: 'IN_SCREENING' })
  status: string;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiPropertyOptional({
    example: 'CONTACT',
    description:
      'a DA notification’s triage outcome, once triaged; a contact’s outcome as the referrer was told it, once in force',
  })
  outcome?: string;

  @ApiPropertyOptional({
    type: SubmissionAcknowledgementDto,
    description: 'a contact’s: the referrer told of the outcome, and when',
  })
  acknowledgement?: SubmissionAcknowledgementDto;
}
