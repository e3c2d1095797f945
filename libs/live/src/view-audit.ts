import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuditActor, AuditEvent } from '@app/audit';
import { Gathered } from './gathered';
import { Journal } from './journal';

const MAX_ROWS = 1000;

interface Viewed {
  actor: AuditActor;
  event: AuditEvent;
}

// QUEUE_VIEWED for socket subscribers (a queue shows children's names): every subscriber its
// own row, and the rows of all who subscribed while the last were being written go in one
// transaction (one turn of the journal lock, one insert), not one transaction each.
// Only for sockets: their rows carry no request's correlation id, so none is mixed up.
@Injectable()
export class ViewAudit {
  private readonly batches = new Gathered<Viewed, void>((rows) => this.write(rows), MAX_ROWS);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
  ) {}

  record(actor: AuditActor, event: AuditEvent): Promise<void> {
    return this.batches.run({ actor, event });
  }

  private write(rows: Viewed[]): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      for (const row of rows) this.journal.write(manager, row.actor, row.event);
    });
  }
}
