import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { parse, type Options as CsvParseOptions } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CsvTokenizer, readCsvRows, type CsvReadOptions } from './csv.ts';
import { FileParseError, type SheetItem } from './sheet.ts';

const UTF8: CsvReadOptions = { encoding: 'utf-8' };

/** Feeds the bytes in pieces of `size` bytes, so characters and CRLFs are cut between chunks. */
function chunked(bytes: Uint8Array, size: number): Readable {
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) pieces.push(Buffer.from(bytes.subarray(i, i + size)));
  return Readable.from(pieces);
}

async function readAll(bytes: Uint8Array, options: CsvReadOptions = UTF8, chunkSize = 64 * 1024): Promise<SheetItem[]> {
  const items: SheetItem[] = [];
  for await (const item of readCsvRows(chunked(bytes, chunkSize), options)) items.push(item);
  return items;
}

async function failureOf(bytes: Uint8Array, options: CsvReadOptions = UTF8): Promise<FileParseError> {
  try {
    await readAll(bytes, options);
  } catch (error) {
    if (error instanceof FileParseError) return error;
    throw error;
  }
  throw new Error('expected a FileParseError');
}

const plain = (items: SheetItem[]) =>
  items.map((item) =>
    item.kind === 'row' ? { kind: item.kind, rowNumber: item.rowNumber, cells: { ...item.cells } } : item.kind === 'rowError' ? { kind: item.kind, rowNumber: item.rowNumber, reasons: item.errors.map((e) => e.reason) } : item,
  );

const PENALTIES = [
  '行政相对人名称,证件号码,行政处罚决定书文号,处罚内容',
  '张三,419001199001011234,济市监罚〔2024〕1号,"罚款 500 元，并责令改正"',
  '"济源市""诚信""商贸有限公司",91419001MA00000000,济市监罚〔2024〕2号,"第一行',
  '第二行"',
  '  李四  , 419001198512120021 ,济市监罚〔2024〕3号,警告',
  '',
].join('\r\n');

describe('reading CSV text', () => {
  test('yields the header, then rows keyed by header with trimmed cells and the line each starts on', async () => {
    const items = plain(await readAll(Buffer.from(PENALTIES)));
    expect(items).toEqual([
      { kind: 'header', rowNumber: 1, headers: ['行政相对人名称', '证件号码', '行政处罚决定书文号', '处罚内容'] },
      { kind: 'row', rowNumber: 2, cells: { 行政相对人名称: '张三', 证件号码: '419001199001011234', 行政处罚决定书文号: '济市监罚〔2024〕1号', 处罚内容: '罚款 500 元，并责令改正' } },
      { kind: 'row', rowNumber: 3, cells: { 行政相对人名称: '济源市"诚信"商贸有限公司', 证件号码: '91419001MA00000000', 行政处罚决定书文号: '济市监罚〔2024〕2号', 处罚内容: '第一行\r\n第二行' } },
      { kind: 'row', rowNumber: 5, cells: { 行政相对人名称: '李四', 证件号码: '419001198512120021', 行政处罚决定书文号: '济市监罚〔2024〕3号', 处罚内容: '警告' } },
    ]);
  });

  test('a UTF-8 BOM is dropped, even when it arrives one byte at a time', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PENALTIES)]);
    expect(plain(await readAll(bytes, UTF8, 1))).toEqual(plain(await readAll(Buffer.from(PENALTIES))));
  });

  test('GB18030 decodes in a streaming way: 1-byte chunks give the same rows as UTF-8', async () => {
    const gb = iconv.encode(PENALTIES, 'gb18030');
    expect(plain(await readAll(gb, { encoding: 'gb18030' }, 1))).toEqual(plain(await readAll(Buffer.from(PENALTIES))));
    expect(plain(await readAll(gb, { encoding: 'gb18030' }, 7))).toEqual(plain(await readAll(Buffer.from(PENALTIES))));
  });

  test('hand-made GB18030 bytes: D0 D0 D5 FE is 行政, and 4-byte sequences (emoji) decode too', async () => {
    const bytes = Uint8Array.from([0xd0, 0xd0, 0xd5, 0xfe, 0x2c, 0x62, 0x0d, 0x0a, 0x31, 0x2c, 0x94, 0x39, 0xfc, 0x36, 0x0d, 0x0a]);
    expect(plain(await readAll(bytes, { encoding: 'gb18030' }, 3))).toEqual([
      { kind: 'header', rowNumber: 1, headers: ['行政', 'b'] },
      { kind: 'row', rowNumber: 2, cells: { 行政: '1', b: '😀' } },
    ]);
  });

  test('line numbers follow a text editor through CRLF, LF, lone CR, blank lines and multi-line cells', async () => {
    const text = 'a,b\r\n\r\n"x\r\ny",1\n\n  ,  \n"p\nq\nr",2\rlast,3';
    const rows = (await readAll(Buffer.from(text), UTF8, 2)).filter((item) => item.kind === 'row');
    expect(rows.map((row) => row.rowNumber)).toEqual([3, 7, 10]);
  });

  test('blank rows and rows of empty fields are skipped, not reported', async () => {
    const items = await readAll(Buffer.from('a,b\n,\n \t, \n\n1,2\n'));
    expect(plain(items)).toEqual([
      { kind: 'header', rowNumber: 1, headers: ['a', 'b'] },
      { kind: 'row', rowNumber: 5, cells: { a: '1', b: '2' } },
    ]);
  });

  test('a stray quote inside an unquoted field is kept as text', async () => {
    const items = plain(await readAll(Buffer.from('名称,备注\n某某"旗舰"店,x"y\n')));
    expect(items[1]).toEqual({ kind: 'row', rowNumber: 2, cells: { 名称: '某某"旗舰"店', 备注: 'x"y' } });
  });

  test('text after a closing quote makes that row an error; the rows after it are read', async () => {
    const items = plain(await readAll(Buffer.from('名称,备注\n"某某"旗舰店,x\n"甲",乙\n')));
    expect(items.slice(1)).toEqual([
      { kind: 'rowError', rowNumber: 2, reasons: ['stray_quote'] },
      { kind: 'row', rowNumber: 3, cells: { 名称: '甲', 备注: '乙' } },
    ]);
  });

  test('a header named __proto__ is an ordinary key', async () => {
    const [, row] = await readAll(Buffer.from('__proto__,b\nx,y\n'));
    expect(row?.kind === 'row' && row.cells.__proto__).toBe('x');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

/** Pieces that exercise every branch of the tokenizer. */
const piece = fc.constantFrom('a', 'b', ' ', ',', '"', '""', '\n', '\r', '\r\n', '行', '😀', '\t', '=');
const field = fc.array(fc.constantFrom('a', ' ', ',', '"', '\n', '\r', '\r\n', '行', '😀', "'"), { maxLength: 6 }).map((parts) => parts.join(''));

/** The same options csv-parse would need to read what CsvTokenizer reads. */
const ORACLE: CsvParseOptions = { relax_column_count: true, relax_quotes: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n', '\r'] };

function tokenize(text: string, cuts: number[] = []): string[][] {
  const tokenizer = new CsvTokenizer();
  const records: string[][] = [];
  let from = 0;
  for (const cut of [...cuts].sort((x, y) => x - y)) {
    records.push(...tokenizer.push(text.slice(from, cut), false).map((r) => r.fields));
    from = cut;
  }
  records.push(...tokenizer.push(text.slice(from), true).map((r) => r.fields));
  return records;
}

describe('the tokenizer agrees with csv-parse', () => {
  test('on anything csv-stringify writes, quoted or not, with any line ending', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.boolean(),
        (rows, recordDelimiter, quoted) => {
          const text = stringify(rows, { record_delimiter: recordDelimiter, quoted });
          expect(tokenize(text)).toEqual(parse(text, ORACLE));
        },
      ),
      { numRuns: 500 },
    );
  });

  test('on arbitrary text without misplaced quotes, however it is cut into chunks', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }).map((parts) => parts.join('')), fc.array(fc.nat(), { maxLength: 5 }), (text, rawCuts) => {
        let expected: string[][];
        try {
          expected = parse(text, ORACLE) as string[][];
        } catch {
          return; // csv-parse refuses it (an unclosed quote); the tokenizer's refusal is tested elsewhere
        }
        const tokenizer = new CsvTokenizer();
        let records;
        try {
          records = [...tokenizer.push(text, true)];
        } catch {
          throw new Error(`tokenizer refused what csv-parse read: ${JSON.stringify(text)}`);
        }
        if (records.some((r) => r.hasStrayQuote)) return; // csv-parse keeps those quotes as text; we refuse the row
        expect(records.map((r) => r.fields)).toEqual(expected);
        const cuts = rawCuts.map((cut) => cut % (text.length + 1));
        expect(tokenize(text, cuts)).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('ragged rows are row errors, not crashes', () => {
  test('too few fields, and extra fields with content, are reported with the line; reading goes on', async () => {
    const items = plain(await readAll(Buffer.from('a,b,c\n1,2\n1,2,3,4\n1,2,3,,\n5,6,7\n')));
    expect(items).toEqual([
      { kind: 'header', rowNumber: 1, headers: ['a', 'b', 'c'] },
      { kind: 'rowError', rowNumber: 2, reasons: ['ragged_row'] },
      { kind: 'rowError', rowNumber: 3, reasons: ['ragged_row', 'cell_without_header'] },
      { kind: 'row', rowNumber: 4, cells: { a: '1', b: '2', c: '3' } },
      { kind: 'row', rowNumber: 5, cells: { a: '5', b: '6', c: '7' } },
    ]);
  });

  test('trailing unnamed header columns (Excel exports) are dropped', async () => {
    const items = plain(await readAll(Buffer.from('a,b,,\n1,2,,\n')));
    expect(items).toEqual([
      { kind: 'header', rowNumber: 1, headers: ['a', 'b'] },
      { kind: 'row', rowNumber: 2, cells: { a: '1', b: '2' } },
    ]);
  });
});

describe('file-level errors are located', () => {
  test.each<[string, string, string, number]>([
    ['an empty file', '', 'records.file_no_header', 1],
    ['only blank lines', '\r\n\r\n , \r\n', 'records.file_no_header', 1],
    ['an empty header cell between names', '\n\na,,c\n1,2,3\n', 'records.file_header_empty', 3],
    ['a repeated header', 'a,b,a\n', 'records.file_header_duplicate', 1],
    ['a tab-separated file', 'a\tb\tc\n1\t2\t3\n', 'records.file_not_comma_separated', 1],
    ['an unclosed quote', 'a,b\n1,2\n"3,4\n5,6\n', 'records.file_csv_malformed', 3],
  ])('%s', async (_name, text, code, line) => {
    const error = await failureOf(Buffer.from(text));
    expect(error.code).toBe(code);
    expect(error.line).toBe(line);
    expect(error.messages.zh.length).toBeGreaterThan(0);
  });

  test('a duplicate header names both columns', async () => {
    const error = await failureOf(Buffer.from('名称,代码,名称\n'));
    expect(error.messages.zh).toBe('表头“名称”重复出现在第 1 列和第 3 列');
  });

  test('a record longer than the limit (a quote never closed) stops the file instead of filling memory', async () => {
    const text = `a,b\n1,2\n"${'很长的内容'.repeat(2000)}\n`;
    const error = await failureOf(Buffer.from(text), { encoding: 'utf-8', maxRecordChars: 10_000 });
    expect(error.code).toBe('records.file_record_too_large');
    expect(error.line).toBe(3);
  });

  test('wrong encoding: a GBK row in a UTF-8 file stops at its line, never as U+FFFD', async () => {
    const bytes = Buffer.concat([Buffer.from('名称,文号\n张三,1号\n'), iconv.encode('李四,2号\n', 'gbk')]);
    const error = await failureOf(bytes);
    expect(error.code).toBe('records.file_encoding');
    expect(error.line).toBe(3);
    expect(error.messages.zh).toMatch(/第 3 行.*UTF-8/);
  });

  test('wrong encoding: a UTF-8 file read as GB18030 fails where the bytes do not fit', async () => {
    // 0xFF is never valid in GB18030.
    const error = await failureOf(Buffer.from([0x61, 0x0a, 0x62, 0x0a, 0xff, 0x0a]), { encoding: 'gb18030' });
    expect(error.code).toBe('records.file_encoding');
    expect(error.line).toBe(3);
  });

  test('a file that ends inside a character is an encoding error', async () => {
    const error = await failureOf(Buffer.from([0x61, 0x0a, 0xe8, 0xa1]));
    expect(error.code).toBe('records.file_encoding');
  });
});

describe('streaming', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chengxin-csv-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('a consumer that stops early leaves nothing running', async () => {
    const source = Readable.from((function* () {
      yield Buffer.from('a,b\n');
      for (let i = 0; i < 1_000_000; i++) yield Buffer.from(`${i},x\n`);
    })());
    for await (const item of readCsvRows(source, UTF8)) {
      if (item.kind === 'row') break;
    }
    expect(source.destroyed).toBe(true);
  });

  test('200,000 rows in GB18030 stream through with bounded memory', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const path = join(dir, 'big.csv');
    const out = createWriteStream(path);
    out.write(iconv.encode('行政相对人名称,证件号码,行政处罚决定书文号,违法事实,罚款金额（万元）\r\n', 'gb18030'));
    for (let i = 0; i < 200_000; i++) {
      const line = `济源市第${i}号商贸有限公司,91419001MA${String(i).padStart(8, '0')},济市监罚〔2024〕${i}号,"未按规定公示年度报告，经责令限期改正仍未改正，情节一般, 第${i}条",0.5\r\n`;
      if (!out.write(iconv.encode(line, 'gb18030'))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    out.end();
    await finished(out);

    let rows = 0;
    let lastRowNumber = 0;
    let baseline = 0;
    let peakGrowth = 0;
    for await (const item of readCsvRows(createReadStream(path), { encoding: 'gb18030' })) {
      if (item.kind !== 'row') continue;
      rows++;
      lastRowNumber = item.rowNumber;
      if (rows === 10_000) {
        gc();
        baseline = process.memoryUsage().heapUsed;
      } else if (rows % 50_000 === 0) {
        gc();
        peakGrowth = Math.max(peakGrowth, process.memoryUsage().heapUsed - baseline);
      }
    }
    expect(rows).toBe(200_000);
    expect(lastRowNumber).toBe(200_001);
    // The file is about 30 MB; what stays live must not grow with it.
    expect(peakGrowth).toBeLessThan(8 * 1024 * 1024);
  }, 120_000);
});
