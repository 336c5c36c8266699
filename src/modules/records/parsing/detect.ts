import { open } from 'node:fs/promises';
import { FileParseError } from './sheet.ts';

/**
 * Decides what an uploaded file is from its bytes, never from its name, and says why. XLSX is
 * a ZIP package holding `[Content_Types].xml` and `xl/workbook.xml`; anything else must be CSV
 * text in UTF-8 (with or without BOM) or GB18030 (a superset of GBK and GB2312). Legacy `.xls`,
 * UTF-16 text and binary files are refused with a message the operator can act on.
 */

export type CsvEncoding = 'utf-8' | 'gb18030';

export type FileDecision =
  | { ok: true; kind: 'xlsx'; reason: string; zip: ZipSummary | null }
  | { ok: true; kind: 'csv'; encoding: CsvEncoding; hasBom: boolean; reason: string }
  | { ok: false; refusal: FileParseError };

/** What the ZIP central directory says, when the end of the file was available. */
export interface ZipSummary {
  entries: number;
  /** Sum of the sizes the directory declares (a zip bomb declares small ones, so this is a hint). */
  declaredUncompressedBytes: number;
  names: string[];
}

export interface FileBytes {
  /** The first bytes of the file (detectFile reads 64 KiB). */
  head: Uint8Array;
  /** The last bytes of the file, for the ZIP directory; omit when the end is not at hand. */
  tail?: Uint8Array;
  /** The size of the whole file; needed with `tail` to check the ZIP directory's offsets. */
  size?: number;
}

export const HEAD_BYTES = 64 * 1024;
/** Room for the end-of-central-directory record (22 bytes + a comment of up to 65,535) and the directory. */
export const TAIL_BYTES = 256 * 1024;

/** Reads the head and tail of a file on disk and decides what it is. */
export async function detectFile(path: string): Promise<FileDecision> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const head = new Uint8Array(Math.min(size, HEAD_BYTES));
    await handle.read(head, 0, head.length, 0);
    const tailLength = Math.min(size, TAIL_BYTES);
    const tail = new Uint8Array(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    return detectFileKind({ head, tail, size });
  } finally {
    await handle.close();
  }
}

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((byte, i) => bytes[i] === byte);

const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const GB18030_BOM = [0x84, 0x31, 0x95, 0x33];

/** Binary formats people upload by mistake, named so the message says what the file is. */
const KNOWN_BINARY: ReadonlyArray<{ magic: readonly number[]; name: string }> = [
  { magic: [0x25, 0x50, 0x44, 0x46], name: 'a PDF document' },
  { magic: [0x1f, 0x8b], name: 'a gzip archive' },
  { magic: [0x52, 0x61, 0x72, 0x21], name: 'a RAR archive' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf], name: 'a 7z archive' },
  { magic: [0x89, 0x50, 0x4e, 0x47], name: 'a PNG image' },
  { magic: [0xff, 0xd8, 0xff], name: 'a JPEG image' },
];

function refuse(reason: ConstructorParameters<typeof FileParseError>[0], facts: Record<string, string | number> = {}): FileDecision {
  return { ok: false, refusal: new FileParseError(reason, facts) };
}

/** Pure decision from the file's bytes; see `detectFile` for files on disk. */
export function detectFileKind(file: FileBytes): FileDecision {
  const { head } = file;
  if (head.length === 0) return refuse('empty');
  if (startsWith(head, ZIP_LOCAL) || startsWith(head, ZIP_EMPTY)) return detectZip(file);
  if (startsWith(head, OLE)) return refuse('legacy_xls');
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return refuse('utf16');
  for (const { magic, name } of KNOWN_BINARY) {
    if (startsWith(head, magic)) return refuse('binary', { detail: name });
  }
  return detectCsvEncoding(head, file.size === undefined ? false : head.length >= file.size);
}

// ---------------------------------------------------------------------------------------------
// ZIP / XLSX

const u16 = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) + u16(b, at + 2) * 0x10000) >>> 0;
const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_LENGTH = 22;

function detectZip({ head, tail, size }: FileBytes): FileDecision {
  const wholeFileInHead = size !== undefined && head.length >= size;
  const end = wholeFileInHead ? head : tail;
  if (end !== undefined && size !== undefined) {
    const directory = readCentralDirectory(end, size);
    if (directory === 'truncated') return refuse('zip_truncated');
    if (typeof directory === 'object') return classifyPackage(directory.names, directory, 'the ZIP directory');
  }
  // Without the end of the file (or for ZIP64, or a directory larger than the tail we read)
  // only the head can speak: the names of the first entries.
  const names = headEntryNames(head);
  return classifyPackage(names, null, 'the first ZIP entries (the end of the file was not checked)');
}

/** Finds the end-of-central-directory record and lists the entries, or says the file was cut. */
function readCentralDirectory(end: Uint8Array, size: number): ZipSummary | 'truncated' | 'zip64' | 'beyond_tail' {
  const endStart = size - end.length; // file offset of end[0]
  let eocd = -1;
  for (let i = end.length - EOCD_LENGTH; i >= 0 && i >= end.length - EOCD_LENGTH - 0xffff; i--) {
    if (u32(end, i) === EOCD_SIGNATURE && i + EOCD_LENGTH + u16(end, i + 20) === end.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return 'truncated';
  const entries = u16(end, eocd + 10);
  const directorySize = u32(end, eocd + 12);
  const directoryOffset = u32(end, eocd + 16);
  if (entries === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) return 'zip64';
  // The directory must lie before its end record; if it points past it, bytes are missing.
  if (directoryOffset + directorySize > endStart + eocd) return 'truncated';
  const names: string[] = [];
  let declaredUncompressedBytes = 0;
  let at = directoryOffset - endStart;
  if (at < 0) return 'beyond_tail';
  for (let n = 0; n < entries; n++) {
    if (u32(end, at) !== CENTRAL_SIGNATURE) return 'truncated';
    declaredUncompressedBytes += u32(end, at + 24);
    const nameLength = u16(end, at + 28);
    names.push(new TextDecoder().decode(end.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + u16(end, at + 30) + u16(end, at + 32);
  }
  return { entries, declaredUncompressedBytes, names };
}

/** Names of the local entries found at the start of the file (sizes known, no data descriptor). */
function headEntryNames(head: Uint8Array): string[] {
  const names: string[] = [];
  let at = 0;
  while (at + 30 <= head.length && u32(head, at) === 0x04034b50) {
    const nameLength = u16(head, at + 26);
    names.push(new TextDecoder().decode(head.subarray(at + 30, at + 30 + nameLength)));
    const hasDescriptor = (u16(head, at + 6) & 0x08) !== 0;
    if (hasDescriptor) break;
    at += 30 + nameLength + u16(head, at + 28) + u32(head, at + 18);
  }
  return names;
}

function classifyPackage(names: readonly string[], zip: ZipSummary | null, source: string): FileDecision {
  const has = (name: string) => names.includes(name);
  const hasPrefix = (prefix: string) => names.some((name) => name.startsWith(prefix));
  if (has('xl/workbook.bin')) return refuse('not_xlsx', { detail: 'Excel binary workbook (.xlsb); save as .xlsx' });
  if (has('word/document.xml')) return refuse('not_xlsx', { detail: 'a Word document' });
  if (hasPrefix('ppt/')) return refuse('not_xlsx', { detail: 'a PowerPoint presentation' });
  if (has('mimetype') && has('content.xml')) return refuse('not_xlsx', { detail: 'an OpenDocument file (.ods); save as .xlsx' });
  if (zip === null) {
    // Head only: Excel writes [Content_Types].xml first, exceljs writes xl/ parts first.
    const ooxml = names.some((name) => name === '[Content_Types].xml' || /^(xl|_rels|docProps)\//.test(name));
    if (ooxml && !names.some((name) => /^(word|ppt)\//.test(name))) {
      return { ok: true, kind: 'xlsx', reason: `${source} are Office Open XML parts (${names.slice(0, 3).join(', ')})`, zip: null };
    }
    return refuse('not_xlsx', { detail: names.length === 0 ? 'no readable entry' : `it holds ${names.slice(0, 3).join(', ')}` });
  }
  if (has('[Content_Types].xml') && has('xl/workbook.xml')) {
    return { ok: true, kind: 'xlsx', reason: `${source} lists [Content_Types].xml and xl/workbook.xml`, zip };
  }
  return refuse('not_xlsx', { detail: names.length === 0 ? 'an empty archive' : `it holds ${names.slice(0, 3).join(', ')}` });
}

// ---------------------------------------------------------------------------------------------
// CSV text encoding

/** Control bytes that do not belong in CSV text (tab, LF, VT, FF and CR do). */
const isControl = (byte: number) => byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0b && byte !== 0x0c && byte !== 0x0d;

function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Strict decode of a prefix; `stream: true` holds back a character cut at the end instead of failing on it. */
function firstInvalidOffset(bytes: Uint8Array, encoding: string, isWholeFile: boolean): number | null {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: !isWholeFile });
    return null;
  } catch {
    return invalidOffset(bytes, encoding);
  }
}

/** Where a strict decoder first fails inside `bytes` (for the message only): decode growing prefixes by halves. */
export function invalidOffset(bytes: Uint8Array, encoding: string): number {
  let low = 0;
  let high = bytes.length;
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    try {
      new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, middle), { stream: true });
      low = middle;
    } catch {
      high = middle;
    }
  }
  return low;
}

/**
 * Decides a CSV's encoding from its first bytes. UTF-8 wins when the prefix is valid UTF-8: GBK
 * text is almost never valid UTF-8, while UTF-8 text is usually also decodable as GB18030 (as
 * nonsense), so the order matters. An ASCII-only prefix is read as UTF-8 and says so: a later
 * GBK byte then stops the import with its line instead of being guessed.
 */
export function detectCsvEncoding(head: Uint8Array, isWholeFile: boolean): FileDecision {
  if (startsWith(head, UTF8_BOM)) {
    const invalid = firstInvalidOffset(head.subarray(3), 'utf-8', isWholeFile);
    if (invalid !== null) return refuse('encoding', { line: lineAtByte(head, invalid + 3), encoding: 'UTF-8' });
    return { ok: true, kind: 'csv', encoding: 'utf-8', hasBom: true, reason: 'UTF-8 byte-order mark' };
  }
  if (startsWith(head, GB18030_BOM)) {
    return { ok: true, kind: 'csv', encoding: 'gb18030', hasBom: true, reason: 'GB18030 byte-order mark' };
  }
  let nul = 0;
  let control = 0;
  let nonAscii = 0;
  for (const byte of head) {
    if (byte === 0) nul++;
    else if (isControl(byte)) control++;
    else if (byte >= 0x80) nonAscii++;
  }
  if (nul > 0) {
    // UTF-16 without a BOM puts a zero byte beside every ASCII character.
    return nul * 4 >= head.length ? refuse('utf16') : refuse('binary', { detail: 'it contains zero bytes' });
  }
  if (control * 100 > head.length) return refuse('binary', { detail: 'it contains control characters' });
  const scope = isWholeFile ? 'the whole file' : `the first ${head.length} bytes`;
  if (nonAscii === 0) {
    return {
      ok: true,
      kind: 'csv',
      encoding: 'utf-8',
      hasBom: false,
      reason: `${scope} are ASCII only (the same in UTF-8 and GB18030); read as UTF-8, and a later byte that is not UTF-8 stops the import at its line`,
    };
  }
  const invalidUtf8 = firstInvalidOffset(head, 'utf-8', isWholeFile);
  if (invalidUtf8 === null) {
    return { ok: true, kind: 'csv', encoding: 'utf-8', hasBom: false, reason: `${scope} are valid UTF-8 with non-ASCII text` };
  }
  if (firstInvalidOffset(head, 'gb18030', isWholeFile) === null) {
    return {
      ok: true,
      kind: 'csv',
      encoding: 'gb18030',
      hasBom: false,
      reason: `not UTF-8 (invalid byte at offset ${invalidUtf8}, line ${lineAtByte(head, invalidUtf8)}); ${scope} are valid GB18030`,
    };
  }
  return refuse('unknown_encoding');
}
