import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ContactEntity } from '../entities/contact.entity';

// how many contacts there are, whatever their state: the demo caseload is seeded only on a
// front door that has none yet, so a restart adds nothing
@Injectable()
export class ContactCount {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  all(): Promise<number> {
    return this.dataSource.getRepository(ContactEntity).count();
  }
}
