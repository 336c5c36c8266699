import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { classifySubjectCode, codeRejectionMessages, makeCitizenCode, makeOrgCode } from '../../identity/codes/index.ts';
import {
  detectFile,
  FileParseError,
  normalizeRow,
  readCsvRows,
  readXlsxRows,
  recognizeLayout,
  type LayoutMatch,
  type NormalizedRecord,
  type RowIssue,
  type SheetItem,
  type SubjectCodeValidator,
} from './index.ts';

const TODAY = '2026-06-30';
const validateSubjectCode: SubjectCodeValidator = (code) => {
  const check = classifySubjectCode(code, TODAY);
  return check.ok ? { ok: true, kind: check.facts.kind, code: check.facts.code } : { ok: false, reason: check.reason, message: codeRejectionMessages[check.reason] };
};

const ORGAN = makeOrgCode('11419001000000000');
const HEADER = ['行政相对人名称', '行政相对人类别', '行政相对人代码_1（统一社会信用代码）', '法定代表人', '证件类型', '证件号码', '行政处罚决定书文号', '违法行为类型', '违法事实', '处罚依据', '处罚类别', '处罚内容', '罚款金额（万元）', '处罚决定日期', '处罚有效期', '处罚机关', '处罚机关统一社会信用代码', '数据来源单位', '数据来源单位统一社会信用代码'];

function sampleRows(): string[][] {
  const rows: string[][] = [];
  for (let i = 0; i < 30; i++) {
    const person = i % 3 !== 0;
    const code = person ? makeCitizenCode('419001', `19${70 + i}-0${(i % 9) + 1}-1${i % 10}`, i) : makeOrgCode(`91419001MA${String(i).padStart(7, '0')}`);
    rows.push([
      person ? `张${i}` : `济源市第${i}商贸有限公司`,
      person ? '自然人' : '法人及非法人组织',
      person ? '' : code,
      person ? '' : '王五',
      person ? '身份证' : '',
      person ? code : '',
      `济市监罚〔2024〕${i + 1}号`,
      '未按规定公示信息',
      `第 ${i} 号案件，"情节一般"，已责令改正`,
      '《企业信息公示暂行条例》',
      '罚款',
      '罚款人民币伍仟元',
      '0.5',
      `2024/3/${(i % 28) + 1}`,
      '2025-03-31',
      '济源市市场监督管理局',
      ORGAN,
      '济源市市场监督管理局',
      ORGAN,
    ]);
  }
  // One bad row: a wrong check character.
  const bad = [...(rows[1] ?? [])];
  bad[5] = `${(bad[5] ?? '').slice(0, 17)}${(bad[5] ?? '').endsWith('1') ? '2' : '1'}`;
  rows.push(bad);
  return rows;
}

const csvText = (rows: string[][]) =>
  [HEADER, ...rows].map((row) => row.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(',')).join('\r\n');

interface Outcome {
  records: Array<{ rowNumber: number; record: NormalizedRecord }>;
  rejected: Array<{ rowNumber: number; errors: RowIssue[] }>;
}

/** What the ingestion pipeline will do with the parsing layer: detect, read, recognise, normalise. */
async function ingest(path: string): Promise<Outcome> {
  const decision = await detectFile(path);
  if (!decision.ok) throw decision.refusal;
  const items: AsyncIterable<SheetItem> =
    decision.kind === 'xlsx' ? readXlsxRows(createReadStream(path)) : readCsvRows(createReadStream(path), { encoding: decision.encoding });
  const outcome: Outcome = { records: [], rejected: [] };
  let match: LayoutMatch | null = null;
  for await (const item of items) {
    if (item.kind === 'header') {
      const recognition = recognizeLayout(item.headers);
      if (!recognition.ok) throw new Error(recognition.message.en);
      expect(recognition.match.missingRequired).toEqual([]);
      match = recognition.match;
    } else if (item.kind === 'rowError') {
      outcome.rejected.push({ rowNumber: item.rowNumber, errors: item.errors });
    } else if (match !== null) {
      const result = normalizeRow(match, item.cells, { validateSubjectCode, today: TODAY });
      if (result.ok) outcome.records.push({ rowNumber: item.rowNumber, record: result.record });
      else outcome.rejected.push({ rowNumber: item.rowNumber, errors: result.errors });
    }
  }
  return outcome;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chengxin-ingest-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('one 双公示 penalty file, three encodings of it', () => {
  test('UTF-8 CSV, GB18030 CSV and XLSX give the same records and the same located rejection', async () => {
    const rows = sampleRows();
    const utf8Path = join(dir, 'penalties-utf8.csv');
    const gbPath = join(dir, 'penalties-gbk.csv');
    const xlsxPath = join(dir, 'penalties.xlsx');
    await writeFile(utf8Path, `\uFEFF${csvText(rows)}`);
    await writeFile(gbPath, iconv.encode(csvText(rows), 'gb18030'));
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('行政处罚').addRows([HEADER, ...rows]);
    await workbook.xlsx.writeFile(xlsxPath);

    const outcomes = await Promise.all([utf8Path, gbPath, xlsxPath].map(ingest));
    for (const outcome of outcomes) {
      expect(outcome.records).toHaveLength(30);
      expect(outcome.rejected).toHaveLength(1);
      expect(outcome.rejected[0]?.rowNumber).toBe(32);
      expect(outcome.rejected[0]?.errors.map((e) => [e.column, e.reason])).toEqual([['证件号码', 'invalid_subject_code']]);
      expect(outcome).toEqual(outcomes[0]);
    }
    const [first, second] = outcomes[0]?.records ?? [];
    expect(first?.record.subject).toMatchObject({ kind: 'organization', name: '济源市第0商贸有限公司' });
    expect(first?.record.representative).toEqual({ role: 'legal_representative', name: '王五' });
    expect(second?.record).toMatchObject({ subject: { kind: 'person', name: '张1' }, decisionDate: '2024-03-02', fields: { cf_nr_fk: '0.5', cf_sy: '第 1 号案件，"情节一般"，已责令改正' } });
  });

  test('a GBK file announced as UTF-8 is refused at the first line that is not UTF-8', async () => {
    const path = join(dir, 'mislabelled.csv');
    await writeFile(path, iconv.encode(csvText(sampleRows()), 'gbk'));
    const error = await (async () => {
      for await (const item of readCsvRows(createReadStream(path), { encoding: 'utf-8' })) void item;
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FileParseError);
    expect((error as FileParseError).line).toBe(1);
  });
});
