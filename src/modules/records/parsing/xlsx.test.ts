import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { FileParseError, type SheetItem } from './sheet.ts';
import { readXlsxRows, type XlsxReadOptions } from './xlsx.ts';

async function read(bytes: Uint8Array, options: XlsxReadOptions = {}): Promise<SheetItem[]> {
  const items: SheetItem[] = [];
  for await (const item of readXlsxRows(Readable.from([Buffer.from(bytes)]), options)) items.push(item);
  return items;
}

async function failureOf(bytes: Uint8Array, options: XlsxReadOptions = {}): Promise<FileParseError> {
  try {
    await read(bytes, options);
  } catch (error) {
    if (error instanceof FileParseError) return error;
    throw error;
  }
  throw new Error('expected a FileParseError');
}

const rowsOf = (items: SheetItem[]) => items.flatMap((item) => (item.kind === 'row' ? [{ ...item.cells }] : []));

/** Like Excel: an in-memory workbook with shared strings and styles. */
async function excelLike(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Like many export tools: exceljs's streaming writer, inline strings, no shared-string table. */
async function streamed(rows: unknown[][], sheetName = 'Sheet1'): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

const HEADER = ['行政相对人名称', '证件号码', '处罚决定日期', '罚款金额（万元）', '备注'];

describe('cell values', () => {
  test('text, dates, numbers, booleans and rich text become canonical strings', async () => {
    const bytes = await excelLike((workbook) => {
      const sheet = workbook.addWorksheet('行政处罚');
      sheet.addRow(HEADER);
      sheet.addRow(['  张三 ', '419001199001011234', new Date(Date.UTC(2024, 2, 5)), 0.1 + 0.2, '&lt;原样保留&amp;']);
      sheet.addRow([{ richText: [{ text: '济源' }, { text: '市某某公司', font: { bold: true } }] }, '91419001MA00000000', new Date(Date.UTC(2024, 2, 5, 8, 30)), 1234567.891, true]);
      sheet.addRow(['李四', '419001198512120021', '2024/3/5', 1e-7, 45]);
      sheet.getColumn(3).numFmt = 'yyyy-mm-dd';
    });
    const items = await read(bytes);
    expect(items[0]).toEqual({ kind: 'header', rowNumber: 1, headers: HEADER, sheetName: '行政处罚' });
    expect(rowsOf(items)).toEqual([
      { 行政相对人名称: '张三', 证件号码: '419001199001011234', 处罚决定日期: '2024-03-05', '罚款金额（万元）': '0.3', 备注: '&lt;原样保留&amp;' },
      { 行政相对人名称: '济源市某某公司', 证件号码: '91419001MA00000000', 处罚决定日期: '2024-03-05 08:30:00', '罚款金额（万元）': '1234567.891', 备注: 'TRUE' },
      { 行政相对人名称: '李四', 证件号码: '419001198512120021', 处罚决定日期: '2024/3/5', '罚款金额（万元）': '0.0000001', 备注: '45' },
    ]);
  });

  test('a citizen code typed as a number is flagged: Excel has already lost its last digits', async () => {
    const bytes = await excelLike((workbook) => {
      const sheet = workbook.addWorksheet('s');
      sheet.addRow(HEADER);
      sheet.addRow(['张三', 419001199001011234, '2024-03-05', 0.5, '']);
    });
    const row = (await read(bytes))[1];
    expect(row?.kind).toBe('row');
    if (row?.kind === 'row') {
      expect(row.cells['证件号码']).toBe('419001199001011000');
      expect(row.warnings.map((w) => [w.column, w.reason])).toEqual([['证件号码', 'number_precision']]);
    }
  });

  test('a formula gives its cached value and a warning; one without a cached value, or an error value, is a row error', async () => {
    const bytes = await excelLike((workbook) => {
      const sheet = workbook.addWorksheet('s');
      sheet.addRow(HEADER);
      sheet.addRow(['张三', '419001199001011234', { formula: 'DATE(2024,3,5)', result: 45356 }, { formula: 'A2&"x"', result: '0.5' }, '']);
      sheet.addRow(['李四', '419001198512120021', '2024-03-05', { formula: 'SUM(1,2)' }, '']);
      sheet.addRow(['王五', { error: '#N/A' }, '2024-03-05', 1, '']);
      sheet.getCell('C2').numFmt = 'yyyy-mm-dd';
    });
    const items = await read(bytes);
    const [, formulaRow, noResult, errorValue] = items;
    expect(formulaRow?.kind).toBe('row');
    if (formulaRow?.kind === 'row') {
      expect(formulaRow.cells['处罚决定日期']).toBe('2024-03-05');
      expect(formulaRow.cells['罚款金额（万元）']).toBe('0.5');
      expect(formulaRow.warnings.map((w) => [w.column, w.reason])).toEqual([
        ['处罚决定日期', 'formula'],
        ['罚款金额（万元）', 'formula'],
      ]);
      expect(formulaRow.warnings[1]?.message.zh).toBe('单元格含有公式 =A2&"x"，已采用其计算结果“0.5”，请核对');
    }
    expect(noResult).toMatchObject({ kind: 'rowError', rowNumber: 3, errors: [{ column: '罚款金额（万元）', reason: 'formula_without_result' }] });
    expect(errorValue).toMatchObject({ kind: 'rowError', rowNumber: 4, errors: [{ column: '证件号码', reason: 'cell_error' }] });
  });

  test('blank rows are skipped; a value in a column without header is a row error; rows keep their sheet numbers', async () => {
    const bytes = await excelLike((workbook) => {
      const sheet = workbook.addWorksheet('s');
      sheet.getRow(2).values = ['名称', '代码'];
      sheet.getRow(4).values = ['甲', '1'];
      sheet.getRow(5).values = ['乙', '2', '多出来的'];
    });
    const items = await read(bytes);
    expect(items.map((item) => [item.kind, item.rowNumber])).toEqual([
      ['header', 2],
      ['row', 4],
      ['rowError', 5],
    ]);
  });
});

describe('Chinese text survives exceljs chunk boundaries', () => {
  // exceljs decodes each 16 KiB of inflated XML on its own; unpatched, about one row in 2,500
  // of this text would contain U+FFFD. The reader decodes as a stream instead.
  const names = Array.from({ length: 3000 }, (_, i) => `济源市第${i}号诚信商贸有限公司（分公司）${'行政处罚决定书'.repeat(i % 5)}`);

  test('inline strings (streaming writers)', async () => {
    const bytes = await streamed([['名称', '备注'], ...names.map((name, i) => [name, i % 2 === 0 ? 'A&B' : '&lt;'])]);
    const rows = rowsOf(await read(bytes));
    expect(rows.map((row) => row['名称'])).toEqual(names);
    expect(rows.every((row, i) => row['备注'] === (i % 2 === 0 ? 'A&B' : '&lt;'))).toBe(true);
  });

  test('shared strings (Excel, WPS)', async () => {
    const bytes = await excelLike((workbook) => {
      const sheet = workbook.addWorksheet('s');
      sheet.addRow(['名称']);
      for (const name of names) sheet.addRow([name]);
    });
    expect(rowsOf(await read(bytes)).map((row) => row['名称'])).toEqual(names);
  });
});

describe('worksheets', () => {
  async function twoSheets(): Promise<Buffer> {
    return excelLike((workbook) => {
      workbook.addWorksheet('行政许可').addRows([['名称'], ['许可甲']]);
      workbook.addWorksheet('说明').addRows([['说明'], ['本表按 2021 年标准填写']]);
    });
  }

  test('the first worksheet by default, a named one on request', async () => {
    const bytes = await twoSheets();
    expect(rowsOf(await read(bytes))).toEqual([{ 名称: '许可甲' }]);
    expect(rowsOf(await read(bytes, { sheetName: '说明' }))).toEqual([{ 说明: '本表按 2021 年标准填写' }]);
  });

  test('an unknown sheet name lists the sheets there are', async () => {
    const error = await failureOf(await twoSheets(), { sheetName: '行政处罚' });
    expect(error.code).toBe('records.file_sheet_not_found');
    expect(error.messages.zh).toBe('工作簿中没有名为“行政处罚”的工作表（现有：行政许可、说明）');
  });

  test('an empty first worksheet has no header', async () => {
    const bytes = await excelLike((workbook) => {
      workbook.addWorksheet('空');
      workbook.addWorksheet('数据').addRows([['名称'], ['甲']]);
    });
    expect((await failureOf(bytes)).code).toBe('records.file_no_header');
  });
});

describe('damaged files end in a clear error, never a hang', () => {
  async function sample(): Promise<Buffer> {
    return streamed([HEADER, ...Array.from({ length: 5000 }, (_, i) => [`第${i}号公司`, `9141900${i}`, '2024-03-05', i, '备注'])]);
  }

  test('a truncated XLSX', async () => {
    const bytes = await sample();
    for (const fraction of [0.3, 0.6, 0.95]) {
      const error = await failureOf(bytes.subarray(0, Math.floor(bytes.length * fraction)));
      expect(error.code).toBe('records.file_zip_truncated');
    }
  });

  test('flipped bytes inside the compressed data', async () => {
    const bytes = await sample();
    for (const position of [200, Math.floor(bytes.length / 3), Math.floor(bytes.length / 2)]) {
      const damaged = Buffer.from(bytes);
      for (let i = 0; i < 16; i++) damaged[position + i] = (damaged[position + i] ?? 0) ^ 0xa5;
      const error = await failureOf(damaged, { stallTimeoutMs: 5000 });
      expect(['records.file_xlsx_corrupt', 'records.file_zip_truncated']).toContain(error.code);
      expect(error.messages.zh).toMatch(/XLSX/);
    }
  }, 30_000);

  test('bytes that are not a ZIP at all', async () => {
    expect((await failureOf(Buffer.from('行政相对人名称,证件号码\n'))).code).toBe('records.file_xlsx_corrupt');
  });
});
