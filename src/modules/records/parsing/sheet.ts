import { DomainError } from '../../../shared/errors.ts';
import { parsingMessage, type Bilingual, type ParsingReason } from './messages.ts';

/**
 * What the CSV and XLSX readers yield, in file order: one `header`, then `row`s and `rowError`s.
 * Blank rows (no cell with content) are skipped; they are not records.
 */
export type SheetItem = SheetHeader | SheetRow | SheetRowError;

export interface SheetHeader {
  kind: 'header';
  /** 1-based: the CSV line or the worksheet row that holds the header. */
  rowNumber: number;
  /** Column names, trimmed, in file order; trailing unnamed empty columns are dropped. */
  headers: string[];
  /** XLSX only: the worksheet that was read. */
  sheetName?: string;
}

export interface SheetRow {
  kind: 'row';
  /** CSV: the line where the record starts (header = 1). XLSX: the worksheet row number. */
  rowNumber: number;
  /** Header → trimmed text. A null-prototype object, so a header named `__proto__` is just a key. */
  cells: Record<string, string>;
  /** Usable, but worth a look (a formula's cached value, a number that lost digits). */
  warnings: RowIssue[];
}

export interface SheetRowError {
  kind: 'rowError';
  rowNumber: number;
  errors: RowIssue[];
}

/** A located problem in a row. `column` is the header as written in the file (null: the whole row). */
export interface RowIssue {
  column: string | null;
  /** The field code the column maps to, once a layout is known (normalizeRow sets it). */
  field?: string;
  reason: ParsingReason;
  message: Bilingual;
}

export function rowIssue(
  column: string | null,
  reason: ParsingReason,
  facts: Readonly<Record<string, string | number>> = {},
  field?: string,
): RowIssue {
  return field === undefined
    ? { column, reason, message: parsingMessage(reason, { column: column ?? '', ...facts }) }
    : { column, field, reason, message: parsingMessage(reason, { column: column ?? '', ...facts }) };
}

/**
 * The whole file cannot be read (wrong kind, encoding, truncated, no header …). Code
 * `records.file_<reason>`; `messages` is ready for the operator; `line` locates it when known.
 */
export class FileParseError extends DomainError {
  readonly reason: ParsingReason;
  readonly messages: Bilingual;
  readonly line: number | undefined;

  constructor(reason: ParsingReason, facts: Readonly<Record<string, string | number>> = {}, cause?: unknown) {
    super(`records.file_${reason}`, 400, { reason, ...facts });
    this.reason = reason;
    this.messages = parsingMessage(reason, facts);
    this.line = typeof facts.line === 'number' ? facts.line : undefined;
    this.message = `records.file_${reason}: ${this.messages.en}`;
    if (cause !== undefined) this.cause = cause;
  }
}

/**
 * Reads the header row: names trimmed; trailing empty names dropped (Excel and WPS often export
 * a few empty columns); an empty name between named columns, or a name used twice, stops the
 * file. A single column that contains a tab or a semicolon means the wrong separator.
 */
export function readHeader(raw: readonly string[], rowNumber: number): SheetHeader {
  const names = raw.map((cell) => cell.trim());
  while (names.length > 0 && names[names.length - 1] === '') names.pop();
  if (names.length === 0) throw new FileParseError('no_header', { line: rowNumber });
  const first = names[0] ?? '';
  if (names.length === 1 && (first.includes('\t') || first.includes(';'))) {
    const tab = first.includes('\t');
    throw new FileParseError('not_comma_separated', {
      line: rowNumber,
      separator: tab ? '制表符' : '分号',
      separatorEn: tab ? 'tabs' : 'semicolons',
    });
  }
  const seen = new Map<string, number>();
  names.forEach((name, index) => {
    if (name === '') throw new FileParseError('header_empty', { line: rowNumber, columnNumber: index + 1 });
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw new FileParseError('header_duplicate', { line: rowNumber, header: name, first: earlier + 1, second: index + 1 });
    }
    seen.set(name, index);
  });
  return { kind: 'header', rowNumber, headers: names };
}

/** True when no cell has content after trimming: such a row is skipped, not reported. */
export function isBlankRow(raw: readonly string[]): boolean {
  return raw.every((cell) => cell.trim() === '');
}

const PREVIEW_CHARS = 20;

function preview(value: string): string {
  const chars = Array.from(value);
  return chars.length > PREVIEW_CHARS ? `${chars.slice(0, PREVIEW_CHARS).join('')}…` : value;
}

/**
 * Pairs a data row with the header. Extra cells are allowed only when empty (trailing
 * separators); a CSV row with fewer fields than the header is ragged (`strictWidth`), while an
 * XLSX row simply has empty cells there.
 */
export function pairWithHeader(
  headers: readonly string[],
  raw: readonly string[],
  rowNumber: number,
  strictWidth: boolean,
  warnings: RowIssue[] = [],
): SheetRow | SheetRowError {
  if (strictWidth && raw.length < headers.length) {
    return { kind: 'rowError', rowNumber, errors: [rowIssue(null, 'ragged_row', { got: raw.length, expected: headers.length })] };
  }
  const errors: RowIssue[] = [];
  for (let index = headers.length; index < raw.length; index++) {
    const value = (raw[index] ?? '').trim();
    if (value !== '') errors.push(rowIssue(null, 'cell_without_header', { columnNumber: index + 1, value: preview(value) }));
  }
  if (errors.length > 0) {
    if (strictWidth) {
      errors.unshift(rowIssue(null, 'ragged_row', { got: raw.length, expected: headers.length }));
    }
    return { kind: 'rowError', rowNumber, errors };
  }
  const cells: Record<string, string> = Object.create(null) as Record<string, string>;
  headers.forEach((header, index) => {
    cells[header] = (raw[index] ?? '').trim();
  });
  return { kind: 'row', rowNumber, cells, warnings };
}
