import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, type TestDb } from '../../../test/helpers/db.ts';
import type { RequestContext } from '../../shared/context.ts';
import { DomainError } from '../../shared/errors.ts';
import { PENALTY_HEADER, csvLine, orgCode, penaltyCsv, penaltyRow, personCode } from './test-factories.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'chengxin-records-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCounter = 0;
function file(content: string | Buffer, ext = 'csv'): string {
  const p = path.join(dir, `f${++fileCounter}.${ext}`);
  writeFileSync(p, content);
  return p;
}

async function operator(db: TestDb, name: string, departmentIndex = 0): Promise<{ ctx: RequestContext; departmentId: string; orgCode: string }> {
  const department = (await db.services.accounts.listDepartments())[departmentIndex]!;
  const user = await db.services.accounts.addUser({ actor: null }, { username: name, displayName: name, role: 'dept_operator', password: 'Operator-Password-1', departmentId: department.id });
  return {
    ctx: { actor: { userId: user.id, username: name, role: 'dept_operator', departmentId: department.id, personId: null, permissions: new Set() }, channel: 'http' },
    departmentId: department.id,
    orgCode: department.orgCode,
  };
}

describeEachDatabase('records ingestion', (get) => {
  let op: Awaited<ReturnType<typeof operator>>;
  beforeAll(async () => {
    op = await operator(get(), 'rec-op');
  });

  it('imports a 双公示 penalty CSV: good rows stored, the bad row reported with row, column and reason in both languages', async () => {
    const { services } = get();
    const rows = Array.from({ length: 30 }, (_, i) => penaltyRow(i, { organization: i % 3 === 0 }));
    const bad = [...penaltyRow(100)];
    bad[7] = `${bad[7]!.slice(0, 17)}${bad[7]!.endsWith('1') ? '2' : '1'}`; // wrong check character
    const job = await services.records.importFile(op.ctx, { file: file(penaltyCsv([...rows, bad])), departmentOrgCode: op.orgCode });
    expect(job).toMatchObject({ status: 'done', itemCode: 'XZCF', layout: 'penalty-2021', rowsProcessed: 31, accepted: 30, rejected: 1, unchanged: 0, versioned: 0, source: 'cli' });
    expect(job.processedBytes).toBe(job.totalBytes);
    const errors = await services.records.listJobErrors(op.ctx, job.id);
    expect(errors.total).toBe(1);
    expect(errors.items[0]).toMatchObject({ row: 32, column: '证件号码', code: 'records.invalid_subject_code' });
    expect(errors.items[0]!.message.zh).toContain('校验码错误');
    expect(errors.items[0]!.message.en).toContain('wrong check character');
    // Persons went to XZCF, organizations to XZCF_FR, each created unverified.
    expect(await services.records.countRecords({ itemCode: 'XZCF' })).toBe(20);
    expect(await services.records.countRecords({ itemCode: 'XZCF_FR' })).toBe(10);
  });

  it('never stores a citizen code in clear', async () => {
    const { database } = get();
    const versions = await database.db.selectFrom('creditRecordVersions').select(['fields', 'refs']).execute();
    const records = await database.db.selectFrom('creditRecords').selectAll().execute();
    const text = JSON.stringify([versions, records]);
    for (let i = 0; i < 30; i++) if (i % 3 !== 0) expect(text).not.toContain(personCode(i));
    expect(text).toContain(orgCode(0)); // organizations' codes are public
  });

  it('re-importing the same file adds nothing; a changed row becomes version 2 and version 1 stays', async () => {
    const { services } = get();
    const rows = Array.from({ length: 30 }, (_, i) => penaltyRow(i, { organization: i % 3 === 0 }));
    const again = await services.records.importFile(op.ctx, { file: file(penaltyCsv(rows)), departmentOrgCode: op.orgCode });
    expect(again).toMatchObject({ status: 'done', accepted: 0, unchanged: 30, versioned: 0, rejected: 0 });
    rows[1] = penaltyRow(1, { fact: '第 1 号案件：更正后的违法事实' });
    const changed = await services.records.importFile(op.ctx, { file: file(penaltyCsv(rows)), departmentOrgCode: op.orgCode });
    expect(changed).toMatchObject({ accepted: 0, unchanged: 29, versioned: 1 });
    const list = await services.records.listRecords(op.ctx, { subjectCode: personCode(1) });
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ subjectName: '张*', currentVersion: 2, itemCode: 'XZCF', subjectCodeMasked: `${personCode(1).slice(0, 6)}********${personCode(1).slice(-4)}` });
    const { versions } = await services.records.getRecord(op.ctx, list.items[0]!.id);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[0]!.fields.cf_sy).toBe('第 1 号案件，已责令改正');
    expect(versions[1]!.fields.cf_sy).toBe('第 1 号案件：更正后的违法事实');
    expect(versions[1]!.fields).not.toHaveProperty('cf_xdr_zjhm');
  });

  it('the same file as GB18030 CSV and as XLSX gives the same outcome as UTF-8', async () => {
    const { services } = get();
    const rows = Array.from({ length: 12 }, (_, i) => penaltyRow(500 + i));
    const gb = await services.records.importFile(op.ctx, { file: file(iconv.encode(penaltyCsv(rows), 'gb18030')), departmentOrgCode: op.orgCode });
    expect(gb).toMatchObject({ status: 'done', accepted: 12, rejected: 0 });
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('行政处罚').addRows([PENALTY_HEADER, ...rows]);
    const xlsxPath = path.join(dir, 'same.xlsx');
    await workbook.xlsx.writeFile(xlsxPath);
    const xlsx = await services.records.importFile(op.ctx, { file: xlsxPath, departmentOrgCode: op.orgCode });
    expect(xlsx).toMatchObject({ status: 'done', accepted: 0, unchanged: 12, rejected: 0 });
  });

  it('a serious penalty on an organization is also written to its legal representative and named responsible persons, linked', async () => {
    const { services } = get();
    const header = [...PENALTY_HEADER, '失信严重程度', '直接责任人', '直接责任人证件号码'];
    const rep = personCode(900);
    const responsible = [personCode(901), personCode(902)];
    const serious = [...penaltyRow(700, { organization: true, representativeCode: rep }), '严重', '赵六；钱七', responsible.join('；')];
    const ordinary = [...penaltyRow(701, { organization: true, representativeCode: personCode(903) }), '一般', '', ''];
    const job = await services.records.importFile(op.ctx, { file: file(penaltyCsv([serious, ordinary], header)), departmentOrgCode: op.orgCode });
    expect(job).toMatchObject({ status: 'done', accepted: 2, rejected: 0 });
    const org = (await services.records.listRecords(op.ctx, { subjectCode: orgCode(700) })).items[0]!;
    expect(org).toMatchObject({ itemCode: 'XZCF_FR', severity: 'serious', subjectName: '济源市第700商贸有限公司' });
    for (const [code, role] of [[rep, 'legal_representative'], [responsible[0]!, 'directly_responsible'], [responsible[1]!, 'directly_responsible']] as const) {
      const personal = (await services.records.listRecords(op.ctx, { subjectCode: code })).items;
      expect(personal).toHaveLength(1);
      expect(personal[0]).toMatchObject({ itemCode: 'XZCF', severity: 'serious', linkedRecordId: org.id, linkRole: role });
    }
    // An ordinary penalty stays the organization's own.
    expect((await services.records.listRecords(op.ctx, { subjectCode: personCode(903) })).total).toBe(0);
    // Reading the organization's record shows the derived ones; each person's access log shows the read.
    const read = await services.records.getRecord(op.ctx, org.id);
    expect(read.linked.map((r) => [r.linkRole, r.subjectName]).sort()).toEqual([['directly_responsible', '赵*'], ['directly_responsible', '钱*'], ['legal_representative', '王*']]);
    const repId = (await services.identity.resolvePersonId(rep))!;
    const repReads = await services.audit.listForSubject('person', repId);
    expect(repReads.some((e) => e.action === 'records.read' && e.data?.via === org.id)).toBe(true);
    expect((await services.records.getRecord(op.ctx, read.linked[0]!.id)).linked).toEqual([]);
    // Re-import: nothing new, linked records included.
    const again = await services.records.importFile(op.ctx, { file: file(penaltyCsv([serious, ordinary], header)), departmentOrgCode: op.orgCode });
    expect(again).toMatchObject({ accepted: 0, unchanged: 2 });
    expect((await services.records.listRecords(op.ctx, { subjectCode: rep })).items[0]!.currentVersion).toBe(1);
  });

  it('a formula typed into a cell is stored as the text it is', async () => {
    const { services } = get();
    const row = penaltyRow(800, { fact: "=HYPERLINK(\"http://evil.example\",\"点击\")" });
    const job = await services.records.importFile(op.ctx, { file: file(penaltyCsv([row])), departmentOrgCode: op.orgCode });
    expect(job.accepted).toBe(1);
    const record = (await services.records.listRecords(op.ctx, { subjectCode: personCode(800) })).items[0]!;
    const { versions } = await services.records.getRecord(op.ctx, record.id);
    expect(versions[0]!.fields.cf_sy).toBe('=HYPERLINK("http://evil.example","点击")');
  });

  it.each([
    ['a UTF-16 text file', () => file(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(penaltyCsv([penaltyRow(1)]), 'utf16le')])), 'records.file_utf16'],
    ['a truncated XLSX', async () => {
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('s').addRows([PENALTY_HEADER, penaltyRow(1)]);
      const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
      return file(buffer.subarray(0, Math.floor(buffer.length * 0.6)), 'xlsx');
    }, 'records.file_zip_truncated'],
    ['an empty file', () => file(''), 'records.file_empty'],
  ])('refuses %s before any job exists, with a bilingual message', async (_name, make, code) => {
    const { services } = get();
    const path = await make();
    const error = await services.records.importFile(op.ctx, { file: path, departmentOrgCode: op.orgCode }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    expect((error as DomainError).facts).toHaveProperty('zh');
    expect((error as DomainError).facts).toHaveProperty('en');
  });

  it('a file missing a required column fails its job with the columns named, and stores nothing', async () => {
    const { services } = get();
    const before = await services.records.countRecords();
    const header = PENALTY_HEADER.filter((h) => h !== '处罚依据');
    const rows = [penaltyRow(1)].map((r) => r.filter((_, i) => PENALTY_HEADER[i] !== '处罚依据'));
    const job = await services.records.importFile(op.ctx, { file: file(penaltyCsv(rows, header)), departmentOrgCode: op.orgCode, itemCode: 'XZCF' });
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('records.file_missing_columns');
    expect(job.error?.message.zh).toContain('处罚依据');
    expect(await services.records.countRecords()).toBe(before);
  });

  it('a UTF-8 file with a GBK line past the detection window: the good rows before it are committed, the job fails at that line', async () => {
    const { services } = get();
    const good = Array.from({ length: 2000 }, (_, i) => penaltyRow(3000 + i));
    const bytes = Buffer.concat([Buffer.from(penaltyCsv(good), 'utf8'), iconv.encode(`${csvLine(penaltyRow(5000))}\r\n`, 'gbk')]);
    expect(bytes.length).toBeGreaterThan(320 * 1024); // beyond the 64 KiB head and 256 KiB tail detection reads
    const job = await services.records.importFile(op.ctx, { file: file(bytes), departmentOrgCode: op.orgCode });
    // The reader refuses the whole decoded block that holds the bad bytes, so the rows committed
    // are those of the blocks before it: a prefix of the file, each row once.
    expect(job).toMatchObject({ status: 'failed', rejected: 0 });
    expect(job.accepted).toBe(job.rowsProcessed);
    expect(job.accepted).toBeGreaterThan(0);
    expect(job.error?.code).toBe('records.file_encoding');
    expect(job.error?.message.zh).toMatch(/第 \d+ 行/); // the parser names the first line of the block it could not decode
    // The corrected file goes through; what was committed is not duplicated.
    const fixed = await services.records.importFile(op.ctx, { file: file(penaltyCsv(good)), departmentOrgCode: op.orgCode });
    expect(fixed).toMatchObject({ status: 'done', accepted: 2000 - job.accepted, unchanged: job.accepted });
  });

  it('an unknown item, a department that is not a source, and an item that accepts no records are refused', async () => {
    const { services } = get();
    const p = file(penaltyCsv([penaltyRow(1)]));
    await expect(services.records.importFile(op.ctx, { file: p, departmentOrgCode: op.orgCode, itemCode: 'NOPE' })).rejects.toMatchObject({ code: 'catalog.item_not_found' });
    await expect(services.records.importFile(op.ctx, { file: p, departmentOrgCode: op.orgCode, itemCode: 'SXBZXR' })).rejects.toMatchObject({ code: 'records.not_a_source' });
    await expect(services.records.importFile(op.ctx, { file: p, departmentOrgCode: op.orgCode, itemCode: 'SBFQJ' })).rejects.toMatchObject({ code: 'catalog.not_accepting_records' });
  });

  it('a JSON batch in the item’s own field names: stored, refused rows returned, unknown keys named', async () => {
    const { services } = get();
    const records = [0, 1, 2].map((i) => Object.fromEntries(PENALTY_HEADER.map((_, c) => [FIELD_CODES[c]!, penaltyRow(2000 + i)[c]!])));
    records.push({ ...records[0]!, cf_wsh: 'X-1', cf_jdrq: '2026-13-40', '=cmd|calc': 'x' });
    const result = await services.records.submitBatch(op.ctx, 'XZCF', records);
    expect(result).toMatchObject({ source: 'api', status: 'done', accepted: 3, rejected: 1 });
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual(
      expect.arrayContaining([
        [4, '=cmd|calc', 'records.unknown_field'],
        [4, 'cf_jdrq', 'records.invalid_date'],
      ]),
    );
    const again = await services.records.submitBatch(op.ctx, 'XZCF', records.slice(0, 3));
    expect(again).toMatchObject({ accepted: 0, unchanged: 3 });
  });

  it('an account without a department cannot submit', async () => {
    const { services } = get();
    const ctx: RequestContext = { actor: { userId: 'x', username: 'api', role: 'api_client', departmentId: null, personId: null, permissions: new Set() } };
    await expect(services.records.submitBatch(ctx, 'XZCF', [{}])).rejects.toMatchObject({ code: 'records.no_department', status: 403 });
  });

  it('another department sees none of these jobs or records: they answer as not found', async () => {
    const { services } = get();
    const other = await operator(get(), 'rec-other', 1);
    const mine = await services.records.listJobs(op.ctx);
    expect(mine.total).toBeGreaterThan(3);
    expect((await services.records.listJobs(other.ctx)).total).toBe(0);
    await expect(services.records.getJob(other.ctx, mine.items[0]!.id)).rejects.toMatchObject({ code: 'records.job_not_found', status: 404 });
    const record = (await services.records.listRecords(op.ctx, {})).items[0]!;
    await expect(services.records.getRecord(other.ctx, record.id)).rejects.toMatchObject({ status: 404 });
    expect((await services.records.listRecords(other.ctx, {})).total).toBe(0);
  });

  it('statistics per department and the Art. 17 due dates (5 working days)', async () => {
    const { services } = get();
    const { departments } = await services.records.stats();
    const mine = departments.find((d) => d.departmentId === op.departmentId)!;
    expect(mine.submissions).toBeGreaterThan(5);
    expect(mine.rows).toBe(mine.accepted + mine.rejected + mine.unchanged + mine.versioned);
    expect(mine.onTime + mine.overdue).toBeLessThanOrEqual(mine.submissions);
    // Submitted Monday 2026-11-30 (the test clock): due five working days later, Monday 2026-12-07.
    expect((await services.records.listJobs(op.ctx)).items[0]!.dueDate).toBe('2026-12-07');
    expect(readdirSync(dir).length).toBeGreaterThan(0);
  });
});

/** Field codes of PENALTY_HEADER, in order (the 2021 standard). */
const FIELD_CODES = [
  'cf_xdr_mc',
  'cf_xdr_lb',
  'cf_xdr_shxym',
  'cf_frdb',
  'cf_fr_zjlx',
  'cf_fr_sfzh',
  'cf_xdr_zjlx',
  'cf_xdr_zjhm',
  'cf_wsh',
  'cf_wfxw',
  'cf_sy',
  'cf_yj',
  'cf_cflb',
  'cf_nr',
  'cf_nr_fk',
  'cf_jdrq',
  'cf_yxq',
  'cf_cfjg',
  'cf_cfjgdm',
  'cf_sjly',
  'cf_sjlydm',
];
