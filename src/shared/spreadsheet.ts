import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';

/**
 * Spreadsheet output for people: error reports, record exports. Every text cell is defended
 * against CSV/formula injection (OWASP "CSV Injection"): a department operator opens these files
 * in Excel or WPS, and a cell that starts with `=`, `+`, `-` or `@` is run as a formula there
 * (`=HYPERLINK(...)`, DDE `=cmd|' /C calc'!A0`). The data comes from uploaded files and citizens'
 * statements, so any of it may be hostile.
 */

/** Characters that make Excel, WPS or LibreOffice read a cell as a formula (OWASP list). */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** Whitespace a spreadsheet may skip before it looks for a formula trigger. */
const LEADING_SPACE = /^\s+/; // \s includes the ideographic space U+3000

/**
 * Makes a text value safe to put in a spreadsheet cell: a value that starts with a formula
 * trigger (`=`, `+`, `-`, `@`, tab or carriage return, per OWASP) gets a leading `'`, which
 * Excel shows as text and never evaluates. Also prefixed, as a conservative superset: a value
 * whose first non-blank character is `=`, `+`, `-` or `@` (" =1+1"), because some importers
 * trim leading blanks before deciding.
 *
 * Only text goes through here. A number that is a number in our data (a count, a row number)
 * is written as a numeric cell and never escaped: `-5` typed as a number cannot carry a
 * formula. The same characters as *text* ("-5" read from a file) are escaped to "'-5", and
 * that is the intended price of safety. Quoting, commas and newlines are the CSV writer's job
 * (RFC 4180), not this function's.
 */
export function escapeSpreadsheetCell(value: string): string {
  if (FORMULA_TRIGGERS.has(value.charAt(0))) return `'${value}`;
  if (LEADING_SPACE.test(value) && FORMULA_TRIGGERS.has(value.replace(LEADING_SPACE, '').charAt(0))) return `'${value}`;
  return value;
}

/** A cell to write: text is escaped, a number is written as a number, null/undefined as empty. */
export type SpreadsheetValue = string | number | null | undefined;

export type SpreadsheetRows = Iterable<readonly SpreadsheetValue[]> | AsyncIterable<readonly SpreadsheetValue[]>;

function csvCell(value: SpreadsheetValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} to a spreadsheet`);
    return String(value);
  }
  return escapeSpreadsheetCell(value);
}

async function* csvRecords(headers: readonly string[], rows: SpreadsheetRows): AsyncGenerator<string[]> {
  yield headers.map(csvCell);
  for await (const row of rows) yield row.map(csvCell);
}

/**
 * Writes a CSV that Excel opens with Chinese intact: UTF-8 with a byte-order mark, CRLF line
 * ends and every field in double quotes (RFC 4180 via csv-stringify; quoting every field also
 * keeps a bare CR inside a value from splitting the record). Streams: rows may be an async
 * iterable of any length. Ends `output` after the last row.
 */
export async function writeCsv(output: Writable, headers: readonly string[], rows: SpreadsheetRows): Promise<void> {
  const stringifier = stringify({ bom: true, record_delimiter: 'windows', quoted: true, quoted_empty: true });
  await pipeline(Readable.from(csvRecords(headers, rows)), stringifier, output);
}

/** Excel's limits (Excel specifications and limits): rows per sheet and characters per cell. */
export const XLSX_MAX_ROWS = 1_048_576;
export const XLSX_MAX_CELL_CHARS = 32_767;

export interface XlsxWriteOptions {
  /** Data rows per sheet before the writer continues on a new sheet "name (2)". Default: Excel's limit less the header. */
  maxRowsPerSheet?: number;
}

function xlsxCell(value: SpreadsheetValue): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} to a spreadsheet`);
    return value;
  }
  const escaped = escapeSpreadsheetCell(value);
  // Excel refuses to open a workbook with a longer cell; cut and say so in the cell itself.
  return escaped.length > XLSX_MAX_CELL_CHARS ? `${escaped.slice(0, XLSX_MAX_CELL_CHARS - 1)}…` : escaped;
}

/**
 * Writes an XLSX workbook with exceljs's streaming writer: rows are committed one by one, so a
 * long report does not sit in memory. Text cells are escaped like the CSV's, although Excel does
 * not evaluate text cells of an XLSX, so that both downloads say the same and a value stays
 * safe when someone re-saves the sheet as CSV. Excel cannot hold C0 control characters other
 * than tab, LF and CR: exceljs drops them. Past `maxRowsPerSheet` the rows continue on a new
 * sheet with the same header.
 */
export async function writeXlsx(
  output: Writable,
  sheetName: string,
  headers: readonly string[],
  rows: SpreadsheetRows,
  options: XlsxWriteOptions = {},
): Promise<void> {
  const maxRows = options.maxRowsPerSheet ?? XLSX_MAX_ROWS - 1;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: false });
  const headerCells = headers.map(xlsxCell);
  let sheetCount = 1;
  let sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(headerCells).commit();
  let rowsInSheet = 0;
  for await (const row of rows) {
    if (rowsInSheet === maxRows) {
      sheet.commit();
      sheetCount += 1;
      sheet = workbook.addWorksheet(`${sheetName} (${sheetCount})`);
      sheet.addRow(headerCells).commit();
      rowsInSheet = 0;
    }
    sheet.addRow(row.map(xlsxCell)).commit();
    rowsInSheet += 1;
  }
  sheet.commit();
  // Resolves when `output` has finished.
  await workbook.commit();
}
