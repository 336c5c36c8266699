import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { tokenWithTwoFactor } from '../../../test/helpers/auth.ts';
import { describeEachDatabase } from '../../../test/helpers/db.ts';
import { TEST_APP_CONFIG } from '../../../test/helpers/server.ts';
import { personCode } from '../records/test-factories.ts';
import { CIVILISATION, departmentUser, seedReportSubject, type ReportSubject } from './test-factories.ts';

const PASSWORD = 'Reports-Http-Password-2026';
const dir = mkdtempSync(path.join(tmpdir(), 'chengxin-reports-http-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEachDatabase('credit reports HTTP API', (get) => {
  let app: FastifyInstance;
  let subject: ReportSubject;
  const auth: Record<string, { authorization: string }> = {};

  beforeAll(async () => {
    const db = get();
    const { services } = db;
    subject = await seedReportSubject(services, 601, { dir, password: PASSWORD });
    const counter = await departmentUser(services, 'dept_operator', CIVILISATION, PASSWORD);
    await services.accounts.addUser({ actor: null }, { username: 'citizen601', displayName: '张601', role: 'citizen', password: PASSWORD, personId: subject.personId });
    await services.accounts.addUser({ actor: null }, { username: 'unlinked', displayName: '未关联', role: 'citizen', password: PASSWORD });
    for (const username of [counter.username, 'citizen601', 'unlinked']) auth[username] = { authorization: `Bearer ${await tokenWithTwoFactor(db, username, PASSWORD)}` };
    auth.counter = auth[counter.username]!;
    app = await buildApp({ config: TEST_APP_CONFIG, services, logger: false });
  });
  afterAll(async () => {
    await app.close();
  });

  const verify = (payload: Buffer | object, contentType = 'application/json') =>
    app.inject({ method: 'POST', url: '/api/v1/public/reports/verify', headers: { 'content-type': contentType }, payload: Buffer.isBuffer(payload) ? payload : JSON.stringify(payload) });

  it('counter staff issue a PDF for the person present; the public page verifies it by number and code, and by the uploaded file', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: auth.counter, payload: { subjectCode: subject.code, format: 'pdf', purpose: '本人到窗口申请打印' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="JYXY\d+\.pdf"$/);
    const number = res.headers['x-report-number'] as string;
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const [entry] = await get().services.audit.listForSubject('person', subject.personId);
    expect(entry).toMatchObject({ action: 'reports.issue', actorRole: 'dept_operator', purpose: '本人到窗口申请打印', legalBasis: '《河南省社会信用条例》第四十条' });

    const byFile = await verify(pdf, 'application/pdf');
    expect(byFile.statusCode, byFile.body).toBe(200);
    expect(byFile.json()).toMatchObject({ valid: true, number, type: 'personal', subjectNameMasked: '张***', subjectCodeMasked: expect.stringMatching(/^419001\*+/) });
    expect(byFile.body).not.toContain(subject.code);

    const tampered = Buffer.from(pdf);
    const middle = Math.floor(tampered.length / 2);
    tampered[middle] = tampered[middle]! ^ 0x01;
    expect((await verify(tampered, 'application/pdf')).json()).toMatchObject({ valid: false, reason: 'pdf_signature_invalid', number: null });

    const json = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: auth.counter, payload: { subjectCode: subject.code, format: 'json' } });
    const { content } = json.json();
    expect((await verify({ number: content.number, code: content.verificationCode })).json()).toMatchObject({ valid: true, number: content.number });
    expect((await verify({ number: content.number, code: 'WRONG-CODE' })).json()).toMatchObject({ valid: false, reason: 'code_mismatch' });
    expect((await verify(json.rawPayload, 'application/octet-stream')).json()).toMatchObject({ valid: true });
  });

  it('a citizen downloads their own report; an account without a person, a stranger’s code or bad input get clear 4xx', async () => {
    const own = await app.inject({ method: 'GET', url: '/api/v1/me/report?format=json', headers: auth.citizen601 });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().content).toMatchObject({ subject: { name: subject.name }, type: 'personal' });
    const html = await app.inject({ method: 'GET', url: '/api/v1/me/report?format=html&type=professional&profession=YS', headers: auth.citizen601 });
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('职业信用报告');
    expect(html.body).toContain('YS-601');

    expect((await app.inject({ method: 'GET', url: '/api/v1/me/report', headers: auth.unlinked })).json()).toMatchObject({ status: 404, code: 'reports.no_own_person' });
    // Citizens may not issue reports about others; counter staff may not read "their own".
    expect((await app.inject({ method: 'POST', url: '/api/v1/reports', headers: auth.citizen601, payload: { subjectCode: subject.code } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me/report', headers: auth.counter })).statusCode).toBe(403);

    expect((await app.inject({ method: 'POST', url: '/api/v1/reports', headers: auth.counter, payload: { subjectCode: personCode(9998) } })).json()).toMatchObject({ status: 404, code: 'reports.person_not_found' });
    expect((await app.inject({ method: 'POST', url: '/api/v1/reports', headers: auth.counter, payload: { subjectCode: '12345' } })).json()).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'subjectCode' })] });
    expect((await app.inject({ method: 'POST', url: '/api/v1/reports', headers: auth.counter, payload: { subjectCode: subject.code, type: 'professional' } })).json()).toMatchObject({ status: 400, code: 'reports.profession_required' });
    expect((await verify({})).statusCode).toBe(400);
    expect((await verify(Buffer.from('not a report'), 'application/pdf')).json()).toMatchObject({ valid: false, reason: 'not_a_report' });
  });
});
