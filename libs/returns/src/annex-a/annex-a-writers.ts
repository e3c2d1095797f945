import archiver from 'archiver';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { csvDate, type AnnexAList, type Cell } from './annex-a-lists';

// issue 19 item 1: the Annex A lists written as they are read, one list after another: an xlsx
// workbook (exceljs's streaming writer, a sheet per list, rows committed one by one) or a zip of
// one csv per list. Nothing is held whole: each waits for the response to drain, and stops when
// the download is abandoned (`signal`).
export interface AnnexAWriter {
  // the list's rows, in order; resolves with how many were written
  list(list: AnnexAList, rows: AsyncIterable<Cell[]>): Promise<number>;
  // the file's last bytes; `out` itself is left open for the caller to end
  finish(): Promise<void>;
}

export type AnnexAFormat = 'xlsx' | 'csv';

export const ANNEX_A_MEDIA_TYPES: Record<AnnexAFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'application/zip',
};
export const ANNEX_A_EXTENSIONS: Record<AnnexAFormat, string> = { xlsx: 'xlsx', csv: 'zip' };

export const DATE_FORMAT = 'dd/mm/yyyy';

// a writable that passes each chunk on to `out` as `out` drains, and does not end it (the
// caller audits the return before the response ends)
function forwardTo(out: Writable, signal: AbortSignal): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (signal.aborted) return done(new Error('the download was abandoned'));
      if (out.write(chunk)) return done();
      once(out, 'drain', { signal }).then(() => done(), done);
    },
    final(done) {
      done();
    },
  });
}

const drained = (stream: Writable, signal: AbortSignal) => {
  signal.throwIfAborted();
  return stream.writableNeedDrain ? once(stream, 'drain', { signal }) : undefined;
};

// the file's end, or the download's abandonment: a writer never waits on a response gone
function unlessAbandoned<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  return Promise.race([
    work,
    once(signal, 'abort').then(() => {
      throw new Error('the download was abandoned');
    }),
  ]);
}

// a date cell: the calendar date at midnight UTC, which exceljs writes as that day's serial
const dateCell = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
};

export function xlsxWriter(out: Writable, signal: AbortSignal): AnnexAWriter {
  const sink = forwardTo(out, signal);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true });
  return {
    async list(list, rows) {
      const sheet = workbook.addWorksheet(list.name);
      sheet.columns = list.columns.map((c) => ({
        width: Math.min(Math.max(c.heading.length + 2, 12), 40),
      }));
      sheet.addRow(list.columns.map((c) => c.heading)).commit();
      let written = 0;
      for await (const cells of rows) {
        const row = sheet.addRow(
          cells.map((value, i) =>
            list.columns[i].kind === 'date' && value !== null ? dateCell(String(value)) : value,
          ),
        );
        list.columns.forEach((c, i) => {
          if (c.kind === 'date' && cells[i] !== null) row.getCell(i + 1).numFmt = DATE_FORMAT;
        });
        row.commit();
        written++;
        await drained(sink, signal);
      }
      sheet.commit();
      return written;
    },
    async finish() {
      // resolves once the last byte is handed to `out`
      await unlessAbandoned(workbook.commit(), signal);
    },
  };
}

export function csvZipWriter(out: Writable, signal: AbortSignal): AnnexAWriter {
  const sink = forwardTo(out, signal);
  const archive = archiver('zip');
  archive.on('error', (error) => sink.destroy(error));
  archive.pipe(sink);
  return {
    async list(list, rows) {
      const csv = stringify();
      archive.append(csv, { name: list.file });
      csv.write(list.columns.map((c) => c.heading));
      let written = 0;
      for await (const cells of rows) {
        const record = cells.map((value, i) =>
          value === null ? '' : list.columns[i].kind === 'date' ? csvDate(String(value)) : value,
        );
        signal.throwIfAborted();
        if (!csv.write(record)) await once(csv, 'drain', { signal });
        written++;
      }
      csv.end();
      return written;
    },
    async finish() {
      await unlessAbandoned(Promise.all([archive.finalize(), finished(sink)]), signal);
    },
  };
}
