import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { tokenWithTwoFactor } from '../../../test/helpers/auth.ts';
import { describeEachDatabase } from '../../../test/helpers/db.ts';
import { TEST_APP_CONFIG } from '../../../test/helpers/server.ts';
import { personCode, judgmentDebtorRecord } from '../records/test-factories.ts';

const PASSWORD = 'Disclosure-Http-Password-2026';
const COURT = '11419001101029470Q';

describeEachDatabase('disclosure HTTP API', (get) => {
  let app: FastifyInstance;
  const auth: Record<string, { authorization: string }> = {};
  let courtId: string;

  beforeAll(async () => {
    const { services } = get();
    const departments = await services.accounts.listDepartments();
    courtId = departments.find((d) => d.orgCode === COURT)!.id;
    const other = departments.find((d) => d.orgCode !== COURT)!;
    for (const [username, role, departmentId] of [
      ['op', 'dept_operator', courtId],
      ['rev', 'dept_reviewer', courtId],
      ['other-rev', 'dept_reviewer', other.id],
      ['boss', 'platform_admin', undefined],
      ['boss2', 'platform_admin', undefined],
    ] as const) {
      await services.accounts.addUser({ actor: null }, { username, displayName: username, role, password: PASSWORD, ...(departmentId ? { departmentId } : {}) });
      auth[username] = { authorization: `Bearer ${await tokenWithTwoFactor(get(), username, PASSWORD)}` };
    }
    const op = await services.accounts.authenticate(auth.op!.authorization.slice(7));
    const job = await services.records.submitBatch({ actor: op }, 'SXBZXR', [
      judgmentDebtorRecord(11, { code: personCode(11), name: '周十一' }, '2026-10-10'),
    ]);
    expect(job.errors).toEqual([]);
    app = await buildApp({ config: TEST_APP_CONFIG, services, logger: false });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('searches without signing in: masked, with period; a bad query is a located 400', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/public/search?q=${personCode(11)}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ queryKind: 'citizen_code', items: [{ kind: 'record', subjectName: '周**', decision: { documentNumbers: ['(2026)豫9001执11号'] }, period: { from: '2026-10-10' } }] });
    expect(res.body).not.toContain(personCode(11));
    const bad = await app.inject({ method: 'GET', url: '/api/v1/public/search?q=4190011', headers: { 'accept-language': 'zh-CN' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'disclosure.invalid_code' });
    expect(bad.json().detail ?? bad.json().title).toContain('完整');
  });

  it('rate-limits the public search like the login route', async () => {
    const limited = await buildApp({ config: { ...TEST_APP_CONFIG, loginRateLimitPerMinute: 2 }, services: get().services, logger: false });
    try {
      const codes = [];
      for (let i = 0; i < 3; i++) codes.push((await limited.inject({ method: 'GET', url: '/api/v1/public/search?q=某某公司' })).statusCode);
      expect(codes).toEqual([200, 200, 429]);
    } finally {
      await limited.close();
    }
  });

  it('a tip: 201 with number and code → the department answers → the reporter reads the answer; a bad file is refused', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/public/tips',
      headers: { 'accept-language': 'en' },
      payload: { subject: '某公司', description: '违法行为描述', departmentId: courtId, attachments: [{ fileName: 'virus.jpg', contentBase64: Buffer.from('#!/bin/sh\nrm -rf /').toString('base64') }] },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'disclosure.attachment_type' });
    expect(JSON.stringify(refused.json())).toContain('virus.jpg');

    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/public/tips',
      payload: { subject: '周某', description: '有履行能力却高消费', departmentId: courtId, attachments: [{ fileName: 'photo.jpg', contentBase64: jpeg.toString('base64') }] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { number, code } = created.json() as { number: string; code: string };

    const mine = await app.inject({ method: 'GET', url: '/api/v1/disclosure/tips', headers: auth.rev });
    const tip = (mine.json() as { items: Array<{ id: string; number: string; version: number }> }).items.find((t) => t.number === number)!;
    expect((await app.inject({ method: 'GET', url: `/api/v1/disclosure/tips/${tip.id}`, headers: auth['other-rev'] })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/v1/disclosure/tips/${tip.id}`, headers: auth.boss })).statusCode).toBe(403);
    const detail = (await app.inject({ method: 'GET', url: `/api/v1/disclosure/tips/${tip.id}`, headers: auth.rev })).json() as { attachments: Array<{ id: string }> };
    const file = await app.inject({ method: 'GET', url: `/api/v1/disclosure/tips/${tip.id}/attachments/${detail.attachments[0]!.id}`, headers: auth.rev });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.rawPayload.equals(jpeg)).toBe(true);

    const answered = await app.inject({ method: 'POST', url: `/api/v1/disclosure/tips/${tip.id}/answer`, headers: auth.rev, payload: { answer: '已核实并移送执行', expectedVersion: tip.version } });
    expect(answered.statusCode, answered.body).toBe(200);
    const lookup = await app.inject({ method: 'POST', url: '/api/v1/public/tips/lookup', payload: { number, code } });
    expect(lookup.json()).toMatchObject({ status: 'answered', answer: '已核实并移送执行' });
    expect((await app.inject({ method: 'POST', url: '/api/v1/public/tips/lookup', payload: { number, code: 'AAAAAAAAAA' } })).statusCode).toBe(404);
  });

  it('typical cases: a department drafts, the platform reviews, the public reads', async () => {
    const content = { kind: 'integrity', title: '诚信经营典型', summary: '多年守信经营', body: '某企业连续五年……', keyDomain: null, basis: null };
    const created = await app.inject({ method: 'POST', url: '/api/v1/disclosure/cases', headers: auth.op, payload: { content } });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { case: { id: string } }).case.id;
    expect((await app.inject({ method: 'POST', url: `/api/v1/disclosure/cases/${id}/submit`, headers: auth.op, payload: { expectedVersion: 1 } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: `/api/v1/disclosure/cases/${id}/review`, headers: auth.op, payload: { outcome: 'publish', note: 'ok', expectedVersion: 1 } })).statusCode).toBe(403);
    const reviewed = await app.inject({ method: 'POST', url: `/api/v1/disclosure/cases/${id}/review`, headers: auth.boss, payload: { outcome: 'publish', note: '同意', expectedVersion: 1 } });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    const list = await app.inject({ method: 'GET', url: '/api/v1/public/cases' });
    expect(list.json()).toMatchObject({ total: 1, items: [{ id, title: '诚信经营典型', version: 1 }] });
    expect((await app.inject({ method: 'GET', url: `/api/v1/public/cases/${id}` })).json()).toMatchObject({ body: '某企业连续五年……' });
    expect((await app.inject({ method: 'GET', url: '/api/v1/public/departments' })).json()).toEqual(expect.arrayContaining([expect.objectContaining({ id: courtId })]));
  });
});
