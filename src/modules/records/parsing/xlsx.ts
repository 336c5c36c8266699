import { PassThrough, pipeline, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { decimalString, hasLostPrecision } from './values.ts';
import { FileParseError, isBlankRow, pairWithHeader, readHeader, rowIssue, type RowIssue, type SheetItem } from './sheet.ts';

export interface XlsxReadOptions {
  /** The worksheet to read; default the first one in the workbook's order. */
  sheetName?: string;
  /**
   * After the upload has been read to its end, how long exceljs may take to produce the next
   * row before the file is declared damaged: a backstop against hangs on damaged archives.
   * Default 60 s.
   */
  stallTimeoutMs?: number;
}

export const DEFAULT_STALL_TIMEOUT_MS = 60_000;

// ---------------------------------------------------------------------------------------------
// exceljs 4.4.0 streaming reader, with its two data-corrupting defects worked around.
//
// 1. It decodes each inflated 16 KiB chunk of XML as UTF-8 on its own (parse-sax.js), so a
//    Chinese character cut by a chunk boundary becomes two U+FFFD (exceljs issues #2063, #2084,
//    #2316, still open). Here every part is decoded as a stream: `setEncoding('utf8')` on ZIP
//    entries, a streaming TextDecoder on worksheets (which may come from a temp file).
// 2. It XML-decodes inline and formula string values a second time (utils.xmlDecode after
//    saxes already did), so a cell whose text is literally "&lt;" reads as "<". Every reference
//    to "&" in worksheet XML is therefore escaped once more before saxes sees it; the one
//    place that is not decoded twice, formula text, is unescaped again below.
// Known and not worked around: an inline string made of several rich-text runs keeps only its
// last run (Excel itself writes shared strings, which are read correctly).

interface ZipEntryStream extends NodeJS.ReadableStream {
  setEncoding(encoding: BufferEncoding): this;
}

interface WorksheetReaderLike extends AsyncIterable<ExcelJS.Row> {
  id: number | string;
  name: string;
}

interface WorkbookReaderInternals extends AsyncIterable<WorksheetReaderLike> {
  model?: { sheets?: Array<{ id: number; name: string; rId: string; state?: string }> };
  properties?: { model?: { date1904?: boolean } };
  _parseRels(entry: ZipEntryStream): Promise<void>;
  _parseWorkbook(entry: ZipEntryStream): Promise<void>;
  _parseStyles(entry: ZipEntryStream): Promise<void>;
  _parseSharedStrings(entry: ZipEntryStream): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<unknown>;
}

const ExcelJsWorkbookReader = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
  input: Readable,
  options: ExcelJS.stream.xlsx.WorkbookStreamReaderOptions,
) => WorkbookReaderInternals;

/** References that decode to "&": &amp; &#38; &#x26;. */
const AMPERSAND_REFERENCE = /&(?:amp|#0*38|#x0*26);/gi;
/** A trailing "&…" that may be the start of such a reference cut by the chunk boundary. */
const PARTIAL_REFERENCE = /&[#a-z0-9]{0,8}$/i;

async function* decodeWorksheetXml(chunks: AsyncIterable<unknown>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let carry = '';
  for await (const chunk of chunks) {
    const text = carry + (typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true }));
    const partial = PARTIAL_REFERENCE.exec(text);
    const complete = partial ? text.slice(0, partial.index) : text;
    carry = partial ? text.slice(partial.index) : '';
    if (complete !== '') yield complete.replace(AMPERSAND_REFERENCE, '&amp;amp;');
  }
  const rest = carry + decoder.decode();
  if (rest !== '') yield rest.replace(AMPERSAND_REFERENCE, '&amp;amp;');
}

class WorkbookReader extends ExcelJsWorkbookReader {
  override _parseRels(entry: ZipEntryStream) {
    entry.setEncoding('utf8');
    return super._parseRels(entry);
  }

  override _parseWorkbook(entry: ZipEntryStream) {
    entry.setEncoding('utf8');
    return super._parseWorkbook(entry);
  }

  override _parseStyles(entry: ZipEntryStream) {
    entry.setEncoding('utf8');
    return super._parseStyles(entry);
  }

  override async *_parseSharedStrings(entry: ZipEntryStream) {
    entry.setEncoding('utf8');
    yield* super._parseSharedStrings(entry);
  }

  override *_parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string) {
    yield* super._parseWorksheet(decodeWorksheetXml(iterator), sheetNo);
  }
}

/**
 * The bytes go through this PassThrough to exceljs, which pipes it into its unzipper. An
 * inflate error inside an entry is emitted on the unzipper but never ends the entry, and
 * exceljs then waits forever (a damaged XLSX hangs): listening on whatever this stream is
 * piped into turns that into a failure.
 */
class WatchedSource extends PassThrough {
  private failedWith: unknown = undefined;
  private rejectStep: ((error: unknown) => void) | null = null;
  hasEnded = false;
  lastProgress = Date.now();

  constructor() {
    super();
    this.on('error', (error) => this.fail(error));
    this.on('end', () => {
      this.hasEnded = true;
      this.lastProgress = Date.now();
    });
  }

  override pipe<T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T {
    (destination as unknown as NodeJS.EventEmitter).on('error', (error: unknown) => this.fail(error));
    return super.pipe(destination, options);
  }

  fail(error: unknown): void {
    if (this.failedWith === undefined) this.failedWith = error ?? new Error('unknown failure');
    this.rejectStep?.(this.failedWith);
  }

  /** Awaits one step of exceljs, or the first failure, whichever comes first (no handler pile-up). */
  async step<T>(promise: Promise<T>): Promise<T> {
    if (this.failedWith !== undefined) throw this.failedWith;
    try {
      return await new Promise<T>((resolve, reject) => {
        this.rejectStep = reject;
        promise.then(resolve, reject);
      });
    } finally {
      this.rejectStep = null;
      this.lastProgress = Date.now();
    }
  }
}

class StallError extends Error {}

// ---------------------------------------------------------------------------------------------
// Cell values

type CellValue = ExcelJS.CellValue;

/** exceljs's test for a date number format: y, m, d, h, s outside quotes and [brackets]. */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  const bare = format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(bare);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Excel stores wall-clock time; exceljs hands it over as a Date whose UTC fields are that time. */
function dateText(date: Date): string {
  const day = `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
  const seconds = date.getUTCHours() * 3600 + date.getUTCMinutes() * 60 + date.getUTCSeconds();
  return seconds === 0 ? day : `${day} ${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}`;
}

function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

interface CellReading {
  text: string;
  warning?: RowIssue;
  error?: RowIssue;
}

function readCell(cell: ExcelJS.Cell, column: string | null, date1904: boolean): CellReading {
  return readValue(cell.value, cell.numFmt, column, date1904);
}

function readValue(value: CellValue, numFmt: string | undefined, column: string | null, date1904: boolean): CellReading {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') {
    if (isDateFormat(numFmt)) return { text: dateText(serialToDate(value, date1904)) };
    const text = decimalString(value);
    return hasLostPrecision(value) ? { text, warning: rowIssue(column, 'number_precision', { value: text }) } : { text };
  }
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { text: dateText(value) };
  if ('richText' in value) return { text: value.richText.map((run) => run.text).join('') };
  if ('error' in value) return { text: '', error: rowIssue(column, 'cell_error', { value: String(value.error) }) };
  if ('formula' in value || 'sharedFormula' in value) {
    const source = ('formula' in value ? value.formula : value.sharedFormula) ?? '';
    // Undo the extra "&" escaping applied to worksheet XML (formula text is decoded once only).
    const formula = source === '' ? '(shared formula)' : `=${source.replace(/&amp;/g, '&')}`;
    const result = value.result;
    if (result === undefined || result === null) {
      return { text: '', error: rowIssue(column, 'formula_without_result', { formula }) };
    }
    const inner = readValue(result as CellValue, numFmt, column, date1904);
    if (inner.error) return inner;
    return { text: inner.text, warning: rowIssue(column, 'formula', { formula, value: inner.text }) };
  }
  if ('text' in value && typeof value.text === 'string') return { text: value.text }; // hyperlink
  return { text: '', error: rowIssue(column, 'xlsx_corrupt', { detail: 'unreadable cell' }) };
}

// ---------------------------------------------------------------------------------------------

function asFileError(error: unknown): FileParseError {
  if (error instanceof FileParseError) return error;
  if (error instanceof StallError) return new FileParseError('xlsx_corrupt', { detail: 'reading stopped making progress' }, error);
  const message = error instanceof Error ? error.message : String(error);
  if (message === 'FILE_ENDED' || /unexpected end|end of (file|data)/i.test(message)) {
    return new FileParseError('zip_truncated', {}, error);
  }
  return new FileParseError('xlsx_corrupt', { detail: message.slice(0, 200) }, error);
}

/**
 * Reads one worksheet of an XLSX upload with exceljs's streaming WorkbookReader: header row
 * (the first row with content), then data rows, in the shape of `readCsvRows`. Dates become
 * `YYYY-MM-DD` (with the time when it is not midnight), numbers plain decimals at Excel's 15
 * significant digits, a formula its cached value plus a warning (a formula in a data file is
 * suspicious), an error value (#N/A) a row error. Damaged or truncated archives throw
 * `FileParseError` instead of hanging.
 *
 * Memory: rows stream, but exceljs keeps the workbook's shared-string table in memory (every
 * distinct text in the file), and parks worksheets that come before that table in a temp file.
 */
export async function* readXlsxRows(stream: Readable, options: XlsxReadOptions = {}): AsyncGenerator<SheetItem> {
  const stallTimeoutMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
  const source = new WatchedSource();
  pipeline(stream, source, (error) => {
    if (error) source.fail(error);
  });
  const watchdog = setInterval(() => {
    if (source.hasEnded && Date.now() - source.lastProgress > stallTimeoutMs) source.fail(new StallError());
  }, Math.max(10, Math.min(1000, stallTimeoutMs / 4)));
  watchdog.unref();

  const reader = new WorkbookReader(source, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  const worksheets = reader[Symbol.asyncIterator]();
  const seenNames: string[] = [];
  let found = false;
  try {
    for (;;) {
      const next = await source.step(worksheets.next());
      if (next.done) break;
      const worksheet = next.value;
      seenNames.push(worksheet.name);
      const wanted = options.sheetName ?? reader.model?.sheets?.[0]?.name ?? worksheet.name;
      if (found || worksheet.name !== wanted) {
        // Read a sheet we skip to its end: exceljs deletes a parked sheet's temp file as soon as
        // we move on, and a stream it has not opened yet would then fail with nobody listening.
        await drainWorksheet(worksheet, source);
        continue;
      }
      found = true;
      yield* readWorksheet(worksheet, source, reader.properties?.model?.date1904 === true);
    }
  } catch (error) {
    throw asFileError(error);
  } finally {
    clearInterval(watchdog);
    source.destroy();
    stream.destroy();
  }
  if (!found) {
    const available = (reader.model?.sheets?.map((sheet) => sheet.name) ?? seenNames).join('、');
    if (options.sheetName === undefined) throw new FileParseError('no_sheet');
    throw new FileParseError('sheet_not_found', { sheet: options.sheetName, available: available === '' ? '—' : available });
  }
}

async function drainWorksheet(worksheet: WorksheetReaderLike, source: WatchedSource): Promise<void> {
  const rows = worksheet[Symbol.asyncIterator]();
  while (!(await source.step(rows.next())).done);
}

async function* readWorksheet(worksheet: WorksheetReaderLike, source: WatchedSource, date1904: boolean): AsyncGenerator<SheetItem> {
  const rows = worksheet[Symbol.asyncIterator]();
  let headers: string[] | null = null;
  for (;;) {
    const next = await source.step(rows.next());
    if (next.done) break;
    const row = next.value;
    const width = Math.max(row.cellCount, headers?.length ?? 0);
    const raw: string[] = [];
    const warnings: RowIssue[] = [];
    const errors: RowIssue[] = [];
    for (let col = 1; col <= width; col++) {
      const reading = readCell(row.getCell(col), headers?.[col - 1] ?? null, date1904);
      raw.push(reading.text);
      if (reading.warning) warnings.push(reading.warning);
      if (reading.error) errors.push(reading.error);
    }
    if (headers === null) {
      if (isBlankRow(raw)) continue;
      const header = readHeader(raw, row.number);
      headers = header.headers;
      yield { ...header, sheetName: worksheet.name };
      continue;
    }
    if (errors.length > 0) {
      yield { kind: 'rowError', rowNumber: row.number, errors };
      continue;
    }
    if (isBlankRow(raw)) continue;
    yield pairWithHeader(headers, raw, row.number, false, warnings);
  }
  if (headers === null) throw new FileParseError('no_header', { line: 1, sheet: worksheet.name });
}
