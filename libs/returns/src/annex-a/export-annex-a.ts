import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { RETURNS_POLICY, WorkingCalendar, type ReturnsPolicySchema } from '@app/core';
import { Journal } from '@app/live';
import {
  annexALists,
  annexAPeriod,
  list1Cells,
  list3Cells,
  list5Cells,
  type AnnexAList,
  type Cell,
  type Heading,
  type ListName,
} from './annex-a-lists';
import { childIdSql } from '../return-child-id';
import { inSnapshot, type Snapshot } from '../snapshot';
import {
  list1Sql,
  list3Sql,
  list5Sql,
  type List1Row,
  type List3Row,
  type List5Row,
} from './annex-a-projection';
import {
  ANNEX_A_EXTENSIONS,
  ANNEX_A_MEDIA_TYPES,
  csvZipWriter,
  xlsxWriter,
  type AnnexAFormat,
  type AnnexAWriter,
} from './annex-a-writers';

export interface ExportAnnexACommand {
  asOf: string;
  format: AnnexAFormat;
  heading: Heading;
  out: Writable;
  // called before the first byte: the file's name and media type
  start(filename: string, contentType: string): void;
}

export interface AnnexARows {
  list1: number;
  list3: number;
  list5: number;
}

const ROW_KEYS: Record<ListName, keyof AnnexARows> = {
  'List 1': 'list1',
  'List 3': 'list3',
  'List 5': 'list5',
};

interface ListQuery {
  sql: string;
  params: unknown[];
  cells(row: never): Cell[];
}

// each list's query and parameters ($1 the first day, $2 the last, see annex-a-projection.ts)
export function annexAQueries(
  from: string,
  asOf: string,
  zone: string,
  policy: ReturnsPolicySchema,
): Record<ListName, ListQuery> {
  const informationOnly = policy.annexA?.informationOnlyNotificationsAsContacts ?? false;
  const childId = childIdSql(policy);
  return {
    'List 1': {
      sql: list1Sql(childId),
      params: [from, asOf, zone, informationOnly],
      cells: (row: List1Row) => list1Cells(row),
    },
    'List 3': { sql: list3Sql(childId), params: [from, asOf], cells: (row: List3Row) => list3Cells(row) },
    'List 5': {
      sql: list5Sql(childId),
      params: [from, asOf, zone],
      cells: (row: List5Row) => list5Cells(row),
    },
  };
}

// the list's rows as cells; `written` once the writer has taken each (it asks for the next),
// so an export cut short is audited with the rows that went
async function* cellsOf(rows: AsyncIterable<unknown>, cells: (row: never) => Cell[], written: () => void) {
  for await (const row of rows) {
    yield cells(row as never);
    written();
  }
}

// issue 19 item 1: Ofsted's Annex A lists 1, 3 and 5 for the six months to `asOf`, from one
// consistent snapshot (a read-only repeatable-read transaction), each list streamed batch by
// batch into the file as it is sent. A return is personal data leaving the system: audited
// with who, which return, the period, the format and the rows of each list (and whether it was
// sent whole), never a child's details.
@Injectable()
export class ExportAnnexA {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly calendar: WorkingCalendar,
    @Inject(RETURNS_POLICY) private readonly policy: ReturnsPolicySchema,
  ) {}

  async execute(
    user: AuthenticatedUser,
    { asOf, format, heading, out, start }: ExportAnnexACommand,
  ): Promise<AnnexARows> {
    const period = annexAPeriod(asOf);
    const queries = annexAQueries(period.from, asOf, this.calendar.zone, this.policy);
    const abandoned = new AbortController();
    const onClose = () => abandoned.abort();
    out.once('close', onClose);
    const rows: AnnexARows = { list1: 0, list3: 0, list5: 0 };
    let complete = false;
    let started = false;
    try {
      await inSnapshot(this.dataSource, async (snapshot) => {
        start(`annex-a-${asOf}.${ANNEX_A_EXTENSIONS[format]}`, ANNEX_A_MEDIA_TYPES[format]);
        started = true;
        const writer =
          format === 'xlsx' ? xlsxWriter(out, abandoned.signal) : csvZipWriter(out, abandoned.signal);
        for (const list of annexALists(heading))
          await this.list(snapshot, writer, list, queries, () => rows[ROW_KEYS[list.name]]++);
        await writer.finish();
      });
      complete = true;
      return rows;
    } finally {
      out.off('close', onClose);
      if (started) await this.audit(user, period, format, rows, complete);
    }
  }

  private list(
    snapshot: Snapshot,
    writer: AnnexAWriter,
    list: AnnexAList,
    queries: Record<ListName, ListQuery>,
    written: () => void,
  ): Promise<number> {
    const { sql, params, cells } = queries[list.name];
    return writer.list(list, cellsOf(snapshot.stream<unknown>(sql, params), cells, written));
  }

  private audit(
    user: AuthenticatedUser,
    period: { from: string; asOf: string },
    format: AnnexAFormat,
    rows: AnnexARows,
    complete: boolean,
  ) {
    return this.dataSource.transaction(async (manager) => {
      this.journal.write(manager, user, {
        action: 'RETURN_EXPORTED',
        entityType: 'return',
        entityId: null,
        details: {
          return: 'ANNEX_A',
          asOf: period.asOf,
          from: period.from,
          format,
          // the audit's details are flat (codes, ids, counts and flags): the rows of each list
          list1: rows.list1,
          list3: rows.list3,
          list5: rows.list5,
          complete,
        },
      });
    });
  }
}
