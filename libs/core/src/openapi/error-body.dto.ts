import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { ErrorCode } from '../errors/error-codes';
import type { FieldError } from '../errors/domain-error';

// API.md "Errors": the one shape every failure takes, as the OpenAPI document shows it
// (apps/api's all-exceptions filter writes it)
@ApiSchema({ name: 'FieldError' })
export class FieldErrorDto implements FieldError {
  @ApiProperty({
    example: 'child.dateOfBirth',
    description: 'the field, as a path into the body (or a header or query name)',
  })
  field: string;

  @ApiProperty({ example: 'must be a date YYYY-MM-DD' })
  message: string;
}

@ApiSchema({ name: 'ClaimHolder' })
export class ClaimHolderDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiPropertyOptional()
  name?: string;
}

@ApiSchema({ name: 'ErrorBodyError' })
export class ErrorBodyErrorDto {
  @ApiProperty({
    enum: Object.values(ErrorCode),
    description: 'what went wrong, for the client to branch on',
  })
  code: ErrorCode;

  @ApiProperty({ description: 'for a person to read' })
  message: string;

  @ApiPropertyOptional({
    type: [FieldErrorDto],
    description: 'VALIDATION_FAILED and a few conflicts: each field at fault',
  })
  details?: FieldErrorDto[];

  @ApiPropertyOptional({
    type: ClaimHolderDto,
    description: 'CONTACT_ALREADY_CLAIMED: who holds the contact',
  })
  claimedBy?: ClaimHolderDto;
}

@ApiSchema({ name: 'ErrorBody' })
export class ErrorBodyDto {
  @ApiProperty({ type: ErrorBodyErrorDto })
  error: ErrorBodyErrorDto;

  @ApiProperty({
    description: 'also the x-correlation-id response header; quote it when reporting a problem',
  })
  correlationId: string;
}
