import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { RAG_RATINGS, type RagRating } from '@app/core';
import { Trim } from './validators';

export class ClaimContactDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'MANAGER only: give the contact to this screener or manager (one of GET /api/users/assignable), taking it from whoever holds it',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  assigneeId?: string;
}

export class ChangeRagDto {
  @ApiProperty({ enum: RAG_RATINGS })
  @IsIn(RAG_RATINGS)
  rag: RagRating;

  @ApiProperty({ description: 'why the rating changes (kept in the rating history)' })
  @Trim()
  @IsString()
  @Length(5, 2000, { message: 'give the reason for the change (5 to 2000 characters)' })
  reason: string;
}
