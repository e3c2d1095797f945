import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import type { AskableAgenciesDto } from '../dto/information-request.dto';
import { askableAgencies } from '../information-requests.repository';

// no criteria: every askable agency
export type ListAskableAgenciesCommand = Record<string, never>;

// the partner agencies a screener may ask (the request form's choices); no personal data
@Injectable()
export class ListAskableAgencies {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(_user: AuthenticatedUser, _command: ListAskableAgenciesCommand): Promise<AskableAgenciesDto> {
    const rows = await askableAgencies(this.dataSource.manager);
    return { items: rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind })) };
  }
}
