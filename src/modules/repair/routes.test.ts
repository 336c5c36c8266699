import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { tokenWithTwoFactor } from '../../../test/helpers/auth.ts';
import { describeEachDatabase } from '../../../test/helpers/db.ts';
import { actorContext, importPenalties } from '../../../test/helpers/domain.ts';
import { TEST_APP_CONFIG } from '../../../test/helpers/server.ts';
import { penaltyRow, personCode } from '../records/test-factories.ts';

const PASSWORD = 'Repair-Http-Password-2026';
const COURT = '11419001101029470Q';
const EVIDENCE = { obligationsPerformed: true, obligationsProof: '缴款书 0001', commitmentLetter: true, creditTraining: false, volunteerHours: 0, donationFen: 0 };

describeEachDatabase('repair HTTP API', (get) => {
  let app: FastifyInstance;
  const auth: Record<string, { authorization: string }> = {};
  let recordId: string;

  beforeAll(async () => {
    const db = get();
    const { services } = db;
    db.clock.set('2026-07-01T10:00:00+08:00');
    await importPenalties(db, await actorContext(db, 'dept_operator', { orgCode: COURT }), [[...penaltyRow(201, { docNumber: '济罚〔2026〕201号', decisionDate: '2026-03-05' }), '一般']]);
    const personId = (await services.identity.resolvePersonId(personCode(201)))!;
    recordId = (await services.records.subjectFacts({ personId }))[0]!.recordId;
    const courtId = (await services.accounts.listDepartments()).find((d) => d.orgCode === COURT)!.id;
    await services.accounts.addUser({ actor: null }, { username: 'citizen201', displayName: '张201', role: 'citizen', password: PASSWORD, personId });
    await services.accounts.addUser({ actor: null }, { username: 'rev', displayName: 'rev', role: 'dept_reviewer', password: PASSWORD, departmentId: courtId });
    await services.accounts.addUser({ actor: null }, { username: 'boss', displayName: 'boss', role: 'platform_admin', password: PASSWORD });
    for (const username of ['citizen201', 'rev', 'boss']) auth[username] = { authorization: `Bearer ${await tokenWithTwoFactor(db, username, PASSWORD)}` };
    app = await buildApp({ config: TEST_APP_CONFIG, services, logger: false });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a citizen checks, applies and tracks; the department reviews; the platform grants', async () => {
    const missing = await app.inject({ method: 'POST', url: '/api/v1/repair/own/check', headers: auth.citizen201, payload: { recordId, evidence: { ...EVIDENCE, commitmentLetter: false } } });
    expect(missing.statusCode, missing.body).toBe(200);
    expect(missing.json()).toMatchObject({ eligible: false, checklist: expect.arrayContaining([expect.objectContaining({ condition: 'commitment_letter', met: false, field: 'evidence.commitmentLetter' })]) });

    const applied = await app.inject({ method: 'POST', url: '/api/v1/repair/own/applications', headers: auth.citizen201, payload: { recordId, evidence: EVIDENCE } });
    expect(applied.statusCode, applied.body).toBe(201);
    const id = applied.json().id as string;
    const queue = await app.inject({ method: 'GET', url: '/api/v1/repair/reviews', headers: auth.rev });
    expect(queue.json().items.map((a: { id: string }) => a.id)).toEqual([id]);
    const reviewed = await app.inject({ method: 'POST', url: `/api/v1/repair/applications/${id}/review`, headers: auth.rev, payload: { outcome: 'confirmed', note: '属实', version: 1 } });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    const granted = await app.inject({ method: 'POST', url: `/api/v1/repair/applications/${id}/decision`, headers: auth.boss, payload: { outcome: 'grant', note: '准予修复', version: 2 } });
    expect(granted.statusCode, granted.body).toBe(200);
    const own = await app.inject({ method: 'GET', url: '/api/v1/repair/own', headers: auth.citizen201 });
    expect(own.json().items).toMatchObject([{ id, status: 'granted' }]);
  });

  it('bad input is a located 400 in Chinese; the citizen cannot review', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/v1/repair/own/applications', headers: { ...auth.citizen201, 'accept-language': 'zh-CN' }, payload: { recordId } });
    expect(bad.statusCode).toBe(400);
    const again = await app.inject({ method: 'POST', url: '/api/v1/repair/own/applications', headers: { ...auth.citizen201, 'accept-language': 'zh-CN' }, payload: { recordId, evidence: EVIDENCE } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'repair.already_applied' });
    expect((await app.inject({ method: 'GET', url: '/api/v1/repair/reviews', headers: auth.citizen201 })).statusCode).toBe(403);
  });
});
