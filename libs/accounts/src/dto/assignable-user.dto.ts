import { ApiProperty } from '@nestjs/swagger';
import { ASSIGNEE_ROLES, type AssigneeRole } from '@app/auth';

export class AssignableUserDto {
  @ApiProperty({ format: 'uuid', description: 'send as assigneeId to POST /api/contacts/{id}/claim' })
  id: string;

  @ApiProperty({ example: 'Sam Screener' })
  name: string;

  @ApiProperty({ enum: ASSIGNEE_ROLES })
  role: AssigneeRole;
}

export class AssignableUserPageDto {
  @ApiProperty({
    type: [AssignableUserDto],
    description: 'every active screener and manager of MACH, by name: exactly whom a claim accepts',
  })
  items: AssignableUserDto[];
}
