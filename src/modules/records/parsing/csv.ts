import type { Readable } from 'node:stream';
import { invalidOffset, type CsvEncoding } from './detect.ts';
import { FileParseError, isBlankRow, pairWithHeader, readHeader, rowIssue, type SheetItem } from './sheet.ts';

export interface CsvReadOptions {
  /** From `detectFile`: the decision is made once, before reading, and never revised silently. */
  encoding: CsvEncoding;
  /**
   * Longest record, in characters, before the file is refused. An unclosed quote would
   * otherwise swallow the rest of the file into one field in memory. Default 1,000,000.
   */
  maxRecordChars?: number;
}

export const DEFAULT_MAX_RECORD_CHARS = 1_000_000;

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** One record as the tokenizer found it. */
export interface CsvRecord {
  fields: string[];
  /** Line where the record starts (1-based, CRLF, LF and a lone CR each end a line). */
  line: number;
  /** A quoted field had text after its closing quote (`"a"b`): the row cannot be read as meant. */
  hasStrayQuote: boolean;
}

/**
 * RFC 4180 records from decoded text pushed in pieces. Written here rather than taken from
 * csv-parse, which reads 60–70 thousand 17-column rows a second on this machine against about
 * 450 thousand for this loop: at a million rows the parser would dominate the ingest. The
 * tests check it against csv-parse on generated files.
 *
 * Rules: fields are separated by commas and records by CRLF, LF or a lone CR (mixed line ends
 * happen when files are concatenated); a field that starts with `"` is quoted, may hold commas,
 * line breaks and `""` for a quote; a `"` inside an unquoted field is an ordinary character
 * (某某"旗舰"店 as some exporters write it); text after a closing quote marks the record
 * malformed; empty lines are skipped.
 */
export class CsvTokenizer {
  /** Text not yet turned into records: the start of an unfinished record. */
  private pending = '';
  /** Line number at the start of `pending`. */
  private line = 1;

  constructor(private readonly maxRecordChars: number = DEFAULT_MAX_RECORD_CHARS) {}

  /** Lines that `pending` and `upTo` characters of `extra` span: where a bad byte sits. */
  lineAfter(extra = '', upTo = extra.length): number {
    return this.line + countLineBreaks(this.pending) + countLineBreaks(extra.slice(0, upTo));
  }

  /** Adds text; returns the records it completes. With `final`, the end of text ends the last record. */
  push(chunk: string, final: boolean): CsvRecord[] {
    const text = this.pending + chunk;
    const records: CsvRecord[] = [];
    const n = text.length;
    let start = 0; // start of the record being read
    let line = this.line; // line at `start`
    for (;;) {
      // Skip empty lines between records.
      while (start < n) {
        const c = text.charCodeAt(start);
        if (c === LF) start += 1;
        else if (c === CR) {
          if (start + 1 >= n && !final) break; // may be CRLF cut in two
          start += text.charCodeAt(start + 1) === LF ? 2 : 1;
        } else break;
        line++;
      }
      if (start >= n) break;
      const record = this.readRecord(text, start, line, final);
      if (record === null) break; // incomplete: wait for more text
      records.push(record.record);
      start = record.end;
      line = record.nextLine;
    }
    this.pending = start >= n ? '' : text.slice(start);
    this.line = line;
    if (this.pending.length > this.maxRecordChars) {
      throw new FileParseError('record_too_large', { line, limit: this.maxRecordChars });
    }
    if (final && this.pending !== '') {
      // Only an unclosed quote leaves text behind at the end.
      throw new FileParseError('csv_malformed', { line, detail: 'a quoted field is not closed' });
    }
    return records;
  }

  /** Reads one record at `start`, or null when the text ends before the record does. */
  private readRecord(text: string, start: number, startLine: number, final: boolean): { record: CsvRecord; end: number; nextLine: number } | null {
    const n = text.length;
    const fields: string[] = [];
    let hasStrayQuote = false;
    let line = startLine;
    let i = start;
    for (;;) {
      // One field.
      if (i < n && text.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = i + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote < 0 || (quote + 1 >= n && !final)) return null;
          line += countLineBreaks(text.slice(from, quote));
          if (text.charCodeAt(quote + 1) === QUOTE) {
            value += text.slice(from, quote + 1);
            from = quote + 2;
            continue;
          }
          value += text.slice(from, quote);
          i = quote + 1;
          break;
        }
        // After the closing quote only a separator or a line end may follow.
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === LF || c === CR) break;
          j++;
        }
        if (j >= n && !final) return null;
        if (j > i) {
          hasStrayQuote = true;
          value += text.slice(i, j);
        }
        fields.push(value);
        i = j;
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === LF || c === CR) break;
          j++;
        }
        if (j >= n && !final) return null;
        fields.push(text.slice(i, j));
        i = j;
      }
      // What ends the field.
      if (i >= n) return { record: { fields, line: startLine, hasStrayQuote }, end: i, nextLine: line + 1 };
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i += 1;
        if (i >= n && !final) return null;
        continue;
      }
      if (c === CR) {
        if (i + 1 >= n && !final) return null;
        i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      } else {
        i += 1; // LF
      }
      return { record: { fields, line: startLine, hasStrayQuote }, end: i, nextLine: line + 1 };
    }
  }
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) count++;
    else if (c === CR && text.charCodeAt(i + 1) !== LF) count++;
  }
  return count;
}

const ENCODING_NAMES: Record<CsvEncoding, string> = { 'utf-8': 'UTF-8', gb18030: 'GB18030' };

/**
 * Reads a CSV file as a stream of header, rows and row errors. The bytes are decoded chunk by
 * chunk with a fatal `TextDecoder` (`stream: true`: a character split between two chunks is
 * joined, an undecodable byte stops the file with its line instead of becoming U+FFFD; a UTF-8
 * byte-order mark is dropped). Only the current unfinished record is held, so a file of a
 * million rows streams through.
 *
 * File-level problems (encoding, an unclosed quote, no header, an empty or repeated header)
 * throw `FileParseError` with the line. A row whose field count differs from the header, or
 * with text after a closing quote, yields a `rowError` and reading goes on.
 *
 * Cells are slices of the decoded text: a consumer that keeps many rows should keep the
 * values it needs, not whole rows, or it keeps the surrounding text alive too.
 */
export async function* readCsvRows(stream: Readable | AsyncIterable<Uint8Array>, options: CsvReadOptions): AsyncGenerator<SheetItem> {
  const tokenizer = new CsvTokenizer(options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS);
  const decoder = new TextDecoder(options.encoding, { fatal: true });
  const encodingName = ENCODING_NAMES[options.encoding];
  let headers: string[] | null = null;

  function* items(records: CsvRecord[]): Generator<SheetItem> {
    for (const record of records) {
      if (isBlankRow(record.fields)) continue;
      if (headers === null) {
        const header = readHeader(record.fields, record.line);
        headers = header.headers;
        yield header;
      } else if (record.hasStrayQuote) {
        yield { kind: 'rowError', rowNumber: record.line, errors: [rowIssue(null, 'stray_quote')] };
      } else {
        yield pairWithHeader(headers, record.fields, record.line, true);
      }
    }
  }

  try {
    for await (const chunk of stream as AsyncIterable<unknown>) {
      if (!(chunk instanceof Uint8Array)) throw new TypeError('readCsvRows needs a byte stream (do not call setEncoding on it)');
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch (cause) {
        const bad = invalidOffset(chunk, options.encoding);
        const before = new TextDecoder(options.encoding).decode(chunk.subarray(0, bad));
        throw new FileParseError('encoding', { line: tokenizer.lineAfter(before), encoding: encodingName }, cause);
      }
      yield* items(tokenizer.push(text, false));
    }
    let rest: string;
    try {
      rest = decoder.decode(); // a character cut off at the end of the file is an error too
    } catch (cause) {
      throw new FileParseError('encoding', { line: tokenizer.lineAfter(), encoding: encodingName }, cause);
    }
    yield* items(tokenizer.push(rest, true));
  } finally {
    if ('destroy' in stream && typeof stream.destroy === 'function') stream.destroy();
  }
  if (headers === null) throw new FileParseError('no_header', { line: 1 });
}

