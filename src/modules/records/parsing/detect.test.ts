import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { detectFile, detectFileKind, HEAD_BYTES, TAIL_BYTES, type FileDecision } from './detect.ts';

/** A ZIP archive of stored (uncompressed) entries; enough for detection, CRCs left at zero. */
function storedZip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** What detectFile would see of a file held in memory. */
function ends(bytes: Buffer) {
  return { head: bytes.subarray(0, HEAD_BYTES), tail: bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)), size: bytes.length };
}

function refusalOf(decision: FileDecision): string {
  if (decision.ok) throw new Error(`expected a refusal, got ${JSON.stringify(decision)}`);
  return decision.refusal.code;
}

let xlsx: Buffer;
let dir: string;

beforeAll(async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('行政处罚');
  sheet.addRow(['行政相对人名称', '处罚决定日期']);
  for (let i = 0; i < 2000; i++) sheet.addRow([`济源市某某有限公司${i}`, new Date(Date.UTC(2024, 2, 5))]);
  xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
  dir = await mkdtemp(join(tmpdir(), 'chengxin-detect-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('XLSX and other ZIP files', () => {
  test('an XLSX is recognised from its ZIP directory', () => {
    const decision = detectFileKind(ends(xlsx));
    expect(decision).toMatchObject({ ok: true, kind: 'xlsx' });
    if (decision.ok && decision.kind === 'xlsx') {
      expect(decision.reason).toMatch(/\[Content_Types\]\.xml/);
      expect(decision.zip?.names).toContain('xl/workbook.xml');
      expect(decision.zip?.declaredUncompressedBytes).toBeGreaterThan(0);
    }
  });

  test('without the end of the file, the first entries decide, and the reason says the end was not checked', () => {
    const decision = detectFileKind({ head: xlsx.subarray(0, 4096) });
    expect(decision).toMatchObject({ ok: true, kind: 'xlsx' });
    if (decision.ok) expect(decision.reason).toMatch(/not checked/);
  });

  test('a truncated XLSX is refused before any parsing', () => {
    const cut = xlsx.subarray(0, Math.floor(xlsx.length * 0.7));
    expect(refusalOf(detectFileKind(ends(cut)))).toBe('records.file_zip_truncated');
    expect(refusalOf(detectFileKind(ends(xlsx.subarray(0, xlsx.length - 10))))).toBe('records.file_zip_truncated');
  });

  test('a Word document, an OpenDocument sheet and a plain archive are not workbooks', () => {
    const word = storedZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    const ods = storedZip({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<office/>' });
    const plain = storedZip({ 'readme.txt': 'hello' });
    for (const file of [word, ods, plain]) expect(refusalOf(detectFileKind(ends(file)))).toBe('records.file_not_xlsx');
    const decision = detectFileKind(ends(word));
    if (!decision.ok) expect(decision.refusal.messages.en).toMatch(/Word document/);
  });

  test('a minimal hand-made OOXML package is an XLSX', () => {
    const zip = storedZip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' });
    expect(detectFileKind(ends(zip))).toMatchObject({ ok: true, kind: 'xlsx' });
  });
});

describe('files that are refused outright', () => {
  test.each<[string, Uint8Array, string]>([
    ['an empty file', new Uint8Array(), 'records.file_empty'],
    ['legacy .xls (OLE compound file)', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'records.file_legacy_xls'],
    ['UTF-16LE with BOM', Uint8Array.from([0xff, 0xfe, 0x4c, 0x88, 0x3f, 0x65]), 'records.file_utf16'],
    ['UTF-16BE with BOM', Uint8Array.from([0xfe, 0xff, 0x88, 0x4c]), 'records.file_utf16'],
    ['UTF-16LE without BOM', Buffer.from('name,code\r\n', 'utf16le'), 'records.file_utf16'],
    ['a PDF', Buffer.from('%PDF-1.7\n'), 'records.file_binary'],
    ['binary with zero bytes', Uint8Array.from([0x41, 0x00, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49]), 'records.file_binary'],
    ['bytes neither UTF-8 nor GB18030', Uint8Array.from([0x41, 0x2c, 0xff, 0xfe, 0xff, 0x0a]), 'records.file_unknown_encoding'],
  ])('%s', (_name, bytes, code) => {
    expect(refusalOf(detectFileKind({ head: bytes, size: bytes.length }))).toBe(code);
  });

  test('the refusal carries messages for the operator in Chinese and English', () => {
    const decision = detectFileKind({ head: Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) });
    expect(decision.ok).toBe(false);
    if (!decision.ok) {
      expect(decision.refusal.messages.zh).toMatch(/\.xls/);
      expect(decision.refusal.messages.en).toMatch(/save as \.xlsx or CSV/);
    }
  });
});

describe('CSV encodings', () => {
  const header = '行政相对人名称,行政处罚决定书文号\r\n济源市某某有限公司,济市监罚〔2024〕1号\r\n';

  test('UTF-8 with a BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(header)]);
    expect(detectFileKind({ head: bytes, size: bytes.length })).toMatchObject({ ok: true, kind: 'csv', encoding: 'utf-8', hasBom: true });
  });

  test('UTF-8 without a BOM', () => {
    const bytes = Buffer.from(header);
    expect(detectFileKind({ head: bytes, size: bytes.length })).toMatchObject({ ok: true, kind: 'csv', encoding: 'utf-8', hasBom: false });
  });

  test('a prefix that cuts a UTF-8 character in half is still UTF-8', () => {
    const bytes = Buffer.from(header);
    const head = bytes.subarray(0, 4); // 行 is 3 bytes: the prefix ends inside 政
    expect(detectFileKind({ head, size: bytes.length })).toMatchObject({ ok: true, encoding: 'utf-8' });
  });

  test('GB18030: hand-made bytes for 行政 (D0 D0 D5 FE) and the same text from iconv-lite', () => {
    const handMade = Uint8Array.from([0xd0, 0xd0, 0xd5, 0xfe, 0x2c, 0x61, 0x0d, 0x0a]); // "行政,a\r\n"
    expect(iconv.encode('行政,a\r\n', 'gb18030').equals(Buffer.from(handMade))).toBe(true);
    const decision = detectFileKind({ head: handMade, size: handMade.length });
    expect(decision).toMatchObject({ ok: true, kind: 'csv', encoding: 'gb18030' });
    if (decision.ok) expect(decision.reason).toMatch(/not UTF-8.*valid GB18030/);
    expect(detectFileKind({ head: iconv.encode(header, 'gb18030') })).toMatchObject({ ok: true, encoding: 'gb18030' });
  });

  test('ASCII-only text is read as UTF-8, and the reason says a later non-UTF-8 byte will stop the import', () => {
    const decision = detectFileKind({ head: Buffer.from('cf_xdr_mc,cf_wsh\r\nABC,1\r\n') });
    expect(decision).toMatchObject({ ok: true, encoding: 'utf-8' });
    if (decision.ok) expect(decision.reason).toMatch(/ASCII only/);
  });

  test('UTF-8 with a BOM but broken bytes further on is refused with the line', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b\r\n'), iconv.encode('行政,x\r\n', 'gb18030')]);
    const decision = detectFileKind({ head: bytes, size: bytes.length });
    expect(decision.ok).toBe(false);
    if (!decision.ok) {
      expect(decision.refusal.code).toBe('records.file_encoding');
      expect(decision.refusal.line).toBe(2);
    }
  });

  test('detectFile reads the head and tail of a file on disk', async () => {
    const csvPath = join(dir, 'gbk.csv');
    await writeFile(csvPath, iconv.encode(header, 'gbk'));
    expect(await detectFile(csvPath)).toMatchObject({ ok: true, kind: 'csv', encoding: 'gb18030' });
    const xlsxPath = join(dir, 'penalties.xlsx');
    await writeFile(xlsxPath, xlsx);
    expect(await detectFile(xlsxPath)).toMatchObject({ ok: true, kind: 'xlsx' });
    const cutPath = join(dir, 'cut.xlsx');
    await writeFile(cutPath, xlsx.subarray(0, xlsx.length >> 1));
    const cut = await detectFile(cutPath);
    expect(cut.ok ? 'accepted' : cut.refusal.code).toBe('records.file_zip_truncated');
  });
});
