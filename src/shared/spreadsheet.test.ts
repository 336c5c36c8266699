import { PassThrough, Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readCsvRows } from '../modules/records/parsing/csv.ts';
import type { SheetItem } from '../modules/records/parsing/sheet.ts';
import { readXlsxRows } from '../modules/records/parsing/xlsx.ts';
import { escapeSpreadsheetCell, writeCsv, writeXlsx, type SpreadsheetValue } from './spreadsheet.ts';

async function capture(write: (out: PassThrough) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await write(out);
  return Buffer.concat(chunks);
}

async function collect(items: AsyncIterable<SheetItem>): Promise<SheetItem[]> {
  const all: SheetItem[] = [];
  for await (const item of items) all.push(item);
  return all;
}

const rowsOf = (items: SheetItem[]) => items.flatMap((item) => (item.kind === 'row' ? [{ ...item.cells }] : []));

/** A formula trigger at the start, or after leading blanks (what the escaping must neutralise). */
const DANGEROUS = /^(?:[=+\-@\t\r]|\s+[=+\-@])/;

describe('escapeSpreadsheetCell', () => {
  test.each([
    ['=1+1', "'=1+1"],
    ['+86 139', "'+86 139"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=cmd', "'\t=cmd"],
    ['\r=cmd', "'\r=cmd"],
    [' =HYPERLINK("http://x")', '\' =HYPERLINK("http://x")'],
    ['\u3000=1', "'\u3000=1"],
    ['行政处罚', '行政处罚'],
    ['a=b', 'a=b'],
    ['', ''],
    ["'already", "'already"],
    ['5', '5'],
  ])('%j → %j', (input, expected) => {
    expect(escapeSpreadsheetCell(input)).toBe(expected);
  });

  test('no escaped value starts with a formula trigger, and escaping only ever adds one quote', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), (value) => {
        const escaped = escapeSpreadsheetCell(value);
        expect(escaped === value || escaped === `'${value}`).toBe(true);
        expect(DANGEROUS.test(escaped)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('writeCsv', () => {
  test('writes UTF-8 with a BOM, CRLF, every field quoted and every text cell escaped; numbers stay numbers', async () => {
    const bytes = await capture((out) =>
      writeCsv(out, ['行号', '原因'], [
        [2, '=HYPERLINK("http://evil")'],
        [-5, '-5'],
        [3, null],
      ]),
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text).toBe('"行号","原因"\r\n"2","\'=HYPERLINK(""http://evil"")"\r\n"-5","\'-5"\r\n"3",""\r\n');
    const records = parse(text) as string[][];
    for (const cell of records.flat()) expect(/^[=+@\t\r]/.test(cell)).toBe(false);
  });

  test('streams rows from an async iterable', async () => {
    async function* rows(): AsyncGenerator<SpreadsheetValue[]> {
      for (let i = 0; i < 1000; i++) yield [i, `第${i}行`];
    }
    const text = (await capture((out) => writeCsv(out, ['n', 'text'], rows()))).toString('utf8');
    expect(text.split('\r\n')).toHaveLength(1002); // header + 1000 rows + final empty piece
  });
});

/** Cell texts made of the pieces that break naive CSV code. */
const trickyText = fc.oneof(
  fc.array(fc.constantFrom('a', 'Z', '"', ',', '\n', '\r', '\r\n', ' ', '行', '政', '処', '😀', '𝄞', '=', '-', '+', '@', '\t', "'", ';', '0'), {
    maxLength: 12,
  }).map((pieces) => pieces.join('')),
  fc.string({ unit: 'grapheme', maxLength: 16 }),
);

describe('CSV writer and reader round trip', () => {
  test('any cell text comes back as its escaped, trimmed self (quotes, commas, newlines, CJK, emoji)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(trickyText, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }), async (rows) => {
        const data = rows.map((cells, index) => [`r${index}`, ...cells]);
        const bytes = await capture((out) => writeCsv(out, ['id', 'a', 'b', 'c'], data));
        const read = rowsOf(await collect(readCsvRows(Readable.from([bytes]), { encoding: 'utf-8' })));
        expect(read).toEqual(data.map(([id, a, b, c]) => ({ id, a: escapeSpreadsheetCell(a ?? '').trim(), b: escapeSpreadsheetCell(b ?? '').trim(), c: escapeSpreadsheetCell(c ?? '').trim() })));
      }),
      { numRuns: 150 },
    );
  });

  test('trimmed text that starts with no formula trigger comes back unchanged', async () => {
    const safe = trickyText.map((text) => text.trim()).filter((text) => !DANGEROUS.test(text));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(safe, safe), { minLength: 1, maxLength: 10 }), async (rows) => {
        const data = rows.map(([a, b], index) => [`r${index}`, a, b]);
        const bytes = await capture((out) => writeCsv(out, ['id', 'a', 'b'], data));
        const read = rowsOf(await collect(readCsvRows(Readable.from([bytes]), { encoding: 'utf-8' })));
        expect(read).toEqual(data.map(([id, a, b]) => ({ id, a, b })));
      }),
      { numRuns: 150 },
    );
  });
});

describe('writeXlsx', () => {
  test('writes escaped text and real numbers that the XLSX reader reads back', async () => {
    const bytes = await capture((out) =>
      writeXlsx(out, '错误报告', ['行号', '列', '原因'], [
        [2, '证件号码', '=1+1'],
        [3, '@x', '校验码错误'],
      ]),
    );
    const items = await collect(readXlsxRows(Readable.from([bytes])));
    expect(items[0]).toMatchObject({ kind: 'header', headers: ['行号', '列', '原因'], sheetName: '错误报告' });
    expect(rowsOf(items)).toEqual([
      { 行号: '2', 列: '证件号码', 原因: "'=1+1" },
      { 行号: '3', 列: "'@x", 原因: '校验码错误' },
    ]);
  });

  test('continues on a new sheet with the same header past the row limit', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => [i + 1, `第${i + 1}条`]);
    const bytes = await capture((out) => writeXlsx(out, '报告', ['n', 'text'], rows, { maxRowsPerSheet: 3 }));
    const first = rowsOf(await collect(readXlsxRows(Readable.from([bytes]))));
    const second = rowsOf(await collect(readXlsxRows(Readable.from([bytes]), { sheetName: '报告 (2)' })));
    expect(first.map((row) => row.n)).toEqual(['1', '2', '3']);
    expect(second.map((row) => row.n)).toEqual(['4', '5']);
  });

  test('text cells round-trip through the XLSX writer and reader (escaped, trimmed; XML turns CR into LF)', async () => {
    const xmlSafe = trickyText.map((text) => text.replace(/\r\n?/g, '\n'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(xmlSafe, xmlSafe), { minLength: 1, maxLength: 6 }), async (rows) => {
        const data = rows.map(([a, b], index) => [`r${index}`, a, b]);
        const bytes = await capture((out) => writeXlsx(out, 's', ['id', 'a', 'b'], data));
        const read = rowsOf(await collect(readXlsxRows(Readable.from([bytes]))));
        expect(read).toEqual(
          data.map(([id, a, b]) => ({ id, a: escapeSpreadsheetCell(a ?? '').trim(), b: escapeSpreadsheetCell(b ?? '').trim() })),
        );
      }),
      { numRuns: 40 },
    );
  });
});
