import { createReadStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { readCsvRows, readXlsxRows, type FileDecision, type SheetItem } from './parsing/index.ts';
import { recordsMessage } from './messages.ts';
import type { RowError } from './schema.ts';

/** Where the pipeline's rows come from: a file on disk (CSV or XLSX) or a JSON batch. */
export type SourceItem = SheetItem | { kind: 'refused'; rowNumber: number; errors: RowError[] };

export interface RowSource {
  items: AsyncIterable<SourceItem>;
  /** Bytes read from the file so far (the reader reads a little ahead of the rows it has yielded). */
  bytesRead(): number;
  close(): void;
}

/** Streams a detected file; memory stays bounded whatever its size. */
export function fileRowSource(path: string, decision: Extract<FileDecision, { ok: true }>): RowSource {
  let bytes = 0;
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  file.on('error', (err) => counter.destroy(err));
  const stream: Readable = file.pipe(counter);
  const items = decision.kind === 'xlsx' ? readXlsxRows(stream) : readCsvRows(stream, { encoding: decision.encoding });
  return {
    items,
    bytesRead: () => bytes,
    close: () => {
      file.destroy();
      counter.destroy();
    },
  };
}

/**
 * A JSON batch as sheet items: the header is every key used, in order of first use; a value is
 * text, a number or a boolean written as text; an object or array refuses the row.
 */
export function batchRowSource(records: ReadonlyArray<Record<string, unknown>>): RowSource {
  const headers: string[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    for (const key of Object.keys(record)) {
      if (!seen.has(key)) {
        seen.add(key);
        headers.push(key);
      }
    }
  }
  async function* items(): AsyncGenerator<SourceItem> {
    yield { kind: 'header', rowNumber: 0, headers };
    for (const [index, record] of records.entries()) {
      const rowNumber = index + 1;
      const cells: Record<string, string> = Object.create(null) as Record<string, string>;
      const bad: string[] = [];
      for (const header of headers) {
        const value = record[header];
        if (value === undefined || value === null) cells[header] = '';
        else if (typeof value === 'string') cells[header] = value.trim();
        else if (typeof value === 'number' || typeof value === 'boolean') cells[header] = String(value);
        else bad.push(header);
      }
      if (bad.length > 0) {
        const errors = bad.map((column) => ({ row: rowNumber, column, code: 'records.invalid_value_type', message: recordsMessage('records.invalid_value_type', { column }) }));
        yield { kind: 'refused', rowNumber, errors };
      }
      else yield { kind: 'row', rowNumber, cells, warnings: [] };
    }
  }
  return { items: items(), bytesRead: () => 0, close: () => undefined };
}
