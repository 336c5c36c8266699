import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { tokenWithTwoFactor } from '../../../test/helpers/auth.ts';
import { describeEachDatabase } from '../../../test/helpers/db.ts';
import { TEST_APP_CONFIG } from '../../../test/helpers/server.ts';
import { PENALTY_HEADER, penaltyCsv, penaltyRow, personCode } from './test-factories.ts';

const PASSWORD = 'Records-Password-2026';
const UPLOAD_LIMIT = 300_000;

describeEachDatabase('records HTTP API', (get) => {
  let app: FastifyInstance;
  const auth: Record<string, { authorization: string }> = {};
  let uploadDir: string;

  beforeAll(async () => {
    const { services } = get();
    const [first, second] = await services.accounts.listDepartments();
    const users: Array<[string, 'dept_operator' | 'dept_reviewer' | 'api_client' | 'platform_admin', string | undefined]> = [
      ['op', 'dept_operator', first!.id],
      ['rev', 'dept_reviewer', first!.id],
      ['other', 'dept_operator', second!.id],
      ['client', 'api_client', first!.id],
      ['lone-client', 'api_client', undefined],
      ['boss', 'platform_admin', undefined],
    ];
    for (const [username, role, departmentId] of users) {
      await services.accounts.addUser({ actor: null }, { username, displayName: username, role, password: PASSWORD, ...(departmentId ? { departmentId } : {}) });
      auth[username] = { authorization: `Bearer ${await tokenWithTwoFactor(get(), username, PASSWORD)}` };
    }
    app = await buildApp({ config: { ...TEST_APP_CONFIG, uploadLimitBytes: UPLOAD_LIMIT }, services, logger: false });
    uploadDir = services.records.uploadDirectory;
  });
  afterAll(async () => {
    await app.close();
  });

  const upload = (body: string | Buffer, contentType: string, query = 'fileName=penalties.csv', who = 'op') =>
    app.inject({ method: 'POST', url: `/api/v1/records/uploads?${query}`, headers: { ...auth[who], 'content-type': contentType }, payload: body });

  it('an upload answers 202 with the queued job; the worker processes it; the error report downloads as CSV and XLSX, formula-safe', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => penaltyRow(10_000 + i));
    const bad = [...penaltyRow(10_100)];
    bad[15] = '=1+2'; // 处罚决定日期: a formula where a date belongs
    const res = await upload(penaltyCsv([...rows, bad]), 'text/csv');
    expect(res.statusCode, res.body).toBe(202);
    const job = res.json();
    expect(job).toMatchObject({ status: 'queued', source: 'upload', itemCode: 'XZCF', fileName: 'penalties.csv', accepted: 0, dueDate: '2026-12-07' });
    expect(existsSync(path.join(uploadDir, `${job.id}.upload`))).toBe(true);

    expect(await get().services.records.runQueuedJobs()).toBe(1);
    const done = await app.inject({ method: 'GET', url: `/api/v1/records/jobs/${job.id}`, headers: auth.op });
    expect(done.json()).toMatchObject({ status: 'done', layout: 'penalty-2021', accepted: 20, rejected: 1, error: null });
    expect(done.json().processedBytes).toBe(done.json().totalBytes);
    // The worker acted for the submitter: the stored versions say who recorded them.
    const me = (await app.inject({ method: 'GET', url: '/api/v1/me', headers: auth.op })).json();
    const stored = (await app.inject({ method: 'GET', url: `/api/v1/records?subjectCode=${personCode(10_000)}`, headers: auth.op })).json().items[0];
    const read = (await app.inject({ method: 'GET', url: `/api/v1/records/${stored.id}`, headers: auth.op })).json();
    expect(read.versions[0].recordedBy).toBe(me.id);

    const errors = await app.inject({ method: 'GET', url: `/api/v1/records/jobs/${job.id}/errors`, headers: auth.op });
    expect(errors.json()).toMatchObject({ total: 1, items: [{ row: 22, column: '处罚决定日期', code: 'records.invalid_date' }] });

    const csv = await app.inject({ method: 'GET', url: `/api/v1/records/jobs/${job.id}/errors?format=csv`, headers: auth.op });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('"22","处罚决定日期","records.invalid_date"');

    const xlsx = await app.inject({ method: 'GET', url: `/api/v1/records/jobs/${job.id}/errors?format=xlsx`, headers: auth.op });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(2).getCell(1).value).toBe(22);
    expect(String(sheet.getRow(2).getCell(4).value)).toContain('=1+2');
  });

  it('error-report cells that would run as formulas are escaped', async () => {
    const record = Object.fromEntries(PENALTY_HEADER.map((h, i) => [h, penaltyRow(11_000)[i]!]));
    const res = await app.inject({ method: 'POST', url: '/api/v1/records/batches', headers: auth.client, payload: { item: 'XZCF', records: [{ ...record, "=cmd|' /C calc'!A0": 'x' }] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ source: 'api', accepted: 0, rejected: 1 });
    const csv = await app.inject({ method: 'GET', url: `/api/v1/records/jobs/${res.json().id}/errors?format=csv`, headers: auth.client });
    expect(csv.body).toContain(`"'=cmd|' /C calc'!A0"`);
  });

  it('a JSON batch from a department system: 200 with the job and refused rows; without a department 403', async () => {
    const records = [0, 1].map((i) => Object.fromEntries(PENALTY_HEADER.map((h, c) => [h, penaltyRow(12_000 + i)[c]!])));
    const ok = await app.inject({ method: 'POST', url: '/api/v1/records/batches', headers: auth.client, payload: { item: 'XZCF', records } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'done', accepted: 2, rejected: 0, errors: [] });
    const lone = await app.inject({ method: 'POST', url: '/api/v1/records/batches', headers: auth['lone-client'], payload: { item: 'XZCF', records } });
    expect(lone.statusCode).toBe(403);
    expect(lone.json()).toMatchObject({ code: 'records.no_department' });
    expect(lone.json().detail).toContain('不属于任何部门');
    const tooMany = await app.inject({ method: 'POST', url: '/api/v1/records/batches', headers: auth.client, payload: { item: 'XZCF', records: Array.from({ length: 1001 }, () => ({})) } });
    expect(tooMany.statusCode).toBe(400);
  });

  it('an upload over the limit answers 413 and leaves no file behind', async () => {
    const before = readdirSync(uploadDir).filter((f) => f.endsWith('.upload')).length;
    const big = penaltyCsv(Array.from({ length: 2000 }, (_, i) => penaltyRow(20_000 + i)));
    expect(big.length).toBeGreaterThan(UPLOAD_LIMIT);
    const res = await upload(big, 'text/csv');
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'records.upload_too_large', limit: UPLOAD_LIMIT });
    // Without a length the body is counted as it streams, and the partial file is removed.
    const { Readable } = await import('node:stream');
    const streamed = await app.inject({
      method: 'POST',
      url: '/api/v1/records/uploads',
      headers: { ...auth.op, 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' },
      payload: Readable.from([Buffer.from(big)]),
    });
    expect(streamed.statusCode).toBe(413);
    expect(readdirSync(uploadDir).filter((f) => f.endsWith('.upload')).length).toBe(before);
    expect(readdirSync(uploadDir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj\n'), 'application/octet-stream', 'records.file_binary'],
    ['a legacy .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'application/octet-stream', 'records.file_legacy_xls'],
  ])('%s is refused by its content with 415 and a bilingual message', async (_name, body, type, code) => {
    const res = await upload(body, type, 'item=XZCF');
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code });
    const en = await app.inject({ method: 'POST', url: '/api/v1/records/uploads?item=XZCF', headers: { ...auth.op, 'content-type': type, 'accept-language': 'en' }, payload: body });
    expect(en.json().detail).toMatch(/[A-Za-z]/);
  });

  it('a CSV with a missing header column is accepted for checking and its job fails with the missing columns named', async () => {
    const header = PENALTY_HEADER.filter((h) => h !== '违法事实');
    const rows = [penaltyRow(13_000).filter((_, i) => PENALTY_HEADER[i] !== '违法事实')];
    const res = await upload(penaltyCsv(rows, header), 'text/csv', 'item=XZCF');
    expect(res.statusCode).toBe(202);
    await get().services.records.runQueuedJobs();
    const job = (await app.inject({ method: 'GET', url: `/api/v1/records/jobs/${res.json().id}`, headers: auth.op })).json();
    expect(job).toMatchObject({ status: 'failed', accepted: 0, error: { code: 'records.file_missing_columns' } });
    expect(job.error.message.zh).toContain('违法事实');
  });

  it('records: the department browses its own, names masked, each read logged; others get 404', async () => {
    const list = await app.inject({ method: 'GET', url: `/api/v1/records?subjectCode=${personCode(10_001)}`, headers: auth.rev });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(1);
    const summary = list.json().items[0];
    expect(summary).toMatchObject({ subjectName: '张*****', itemCode: 'XZCF', itemName: '行政处罚信息（自然人）', currentVersion: 1 });
    expect(JSON.stringify(list.json())).not.toContain(personCode(10_001));
    const one = await app.inject({ method: 'GET', url: `/api/v1/records/${summary.id}`, headers: auth.rev });
    expect(one.statusCode).toBe(200);
    expect(one.json().versions).toHaveLength(1);
    expect(one.json().versions[0].fields.cf_xdr_mc).toBe('张10001');
    const reads = await get().database.db.selectFrom('auditEntries').select(['action', 'subjectKind']).where('action', 'in', ['records.read', 'records.list']).execute();
    expect(reads.some((r) => r.action === 'records.read' && r.subjectKind === 'person')).toBe(true);
    const foreign = await app.inject({ method: 'GET', url: `/api/v1/records/${summary.id}`, headers: auth.other });
    expect(foreign.statusCode).toBe(404);
    const foreignJobs = await app.inject({ method: 'GET', url: '/api/v1/records/jobs', headers: auth.other });
    expect(foreignJobs.json()).toEqual({ items: [], total: 0 });
  });

  it('statistics and the Art. 17 dashboard: the admin sees every department, a department its own', async () => {
    const stats = await app.inject({ method: 'GET', url: '/api/v1/records/stats', headers: auth.boss });
    expect(stats.statusCode).toBe(200);
    const mine = stats.json().departments[0];
    expect(mine).toMatchObject({ submissions: expect.any(Number), rejectionRate: expect.any(Number) });
    expect(mine.rows).toBe(mine.accepted + mine.rejected + mine.unchanged + mine.versioned);
    expect((await app.inject({ method: 'GET', url: '/api/v1/records/stats', headers: auth.op })).statusCode).toBe(403);

    // A job queued and never processed: waiting until its due date, overdue after.
    const queued = await upload(penaltyCsv([penaltyRow(14_000)]), 'text/csv');
    expect(queued.statusCode).toBe(202);
    const due = await app.inject({ method: 'GET', url: '/api/v1/records/submissions/due', headers: auth.op });
    expect(due.json().waiting.map((j: { id: string }) => j.id)).toContain(queued.json().id);
    get().clock.advanceDays(10);
    auth.boss = { authorization: `Bearer ${await tokenWithTwoFactor(get(), 'boss', PASSWORD)}` }; // sessions time out when idle
    const later = await app.inject({ method: 'GET', url: '/api/v1/records/stats/due', headers: auth.boss });
    expect(later.statusCode, later.body).toBe(200);
    expect(later.json().overdue.map((j: { id: string }) => j.id)).toContain(queued.json().id);
    const overdueStats = (await app.inject({ method: 'GET', url: '/api/v1/records/stats', headers: auth.boss })).json();
    expect(overdueStats.departments.reduce((n: number, d: { overdue: number }) => n + d.overdue, 0)).toBeGreaterThan(0);
    get().clock.advanceDays(-10);
    await get().services.records.runQueuedJobs();
  });
});
