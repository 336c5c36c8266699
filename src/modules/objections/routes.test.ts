import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { tokenWithTwoFactor } from '../../../test/helpers/auth.ts';
import { describeEachDatabase } from '../../../test/helpers/db.ts';
import { TEST_APP_CONFIG } from '../../../test/helpers/server.ts';
import { personCode, judgmentDebtorRecord } from '../records/test-factories.ts';
import type { Objection } from './schema.ts';

const PASSWORD = 'Objections-Http-Password-2026';
const COURT = '11419001101029470Q';

describeEachDatabase('objections HTTP API', (get) => {
  let app: FastifyInstance;
  const auth: Record<string, { authorization: string }> = {};
  let recordId: string;

  beforeAll(async () => {
    const { services } = get();
    const court = (await services.accounts.listDepartments()).find((d) => d.orgCode === COURT)!;
    const add = async (username: string, role: 'dept_reviewer' | 'dept_operator' | 'citizen' | 'auditor', extra: { departmentId?: string; personId?: string } = {}) => {
      await services.accounts.addUser({ actor: null }, { username, displayName: username, role, password: PASSWORD, ...extra });
      auth[username] = { authorization: `Bearer ${await tokenWithTwoFactor(get(), username, PASSWORD)}` };
    };
    await add('op', 'dept_operator', { departmentId: court.id });
    await add('rev', 'dept_reviewer', { departmentId: court.id });
    await add('auditor', 'auditor');
    const op = await services.accounts.authenticate(auth.op!.authorization.slice(7));
    const job = await services.records.submitBatch({ actor: op }, 'SXBZXR', [
      judgmentDebtorRecord(11, { code: personCode(11), name: '周十一' }, '2026-10-10'),
    ]);
    expect(job.errors).toEqual([]);
    const personId = (await services.identity.resolvePersonId(personCode(11)))!;
    recordId = (await services.records.subjectFacts({ personId }))[0]!.recordId;
    await add('citizen', 'citizen', { personId });
    app = await buildApp({ config: TEST_APP_CONFIG, services, logger: false });
  });
  afterAll(async () => {
    await app.close();
  });

  it('a citizen files and tracks; the department decides; the auditor sees the statistics; others are refused', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/v1/objections/mine', headers: auth.citizen, payload: { target: { kind: 'record', id: recordId }, reasons: '短' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'objections.reasons_too_short' });

    const filed = await app.inject({ method: 'POST', url: '/api/v1/objections/mine', headers: auth.citizen, payload: { target: { kind: 'record', id: recordId }, reasons: '该案已执行完毕，不应记录' } });
    expect(filed.statusCode).toBe(201);
    const objection = filed.json<Objection>();
    expect(objection).toMatchObject({ status: 'pending', disclosureSuspended: true });

    expect((await app.inject({ method: 'GET', url: '/api/v1/objections', headers: auth.citizen })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/objections/stats', headers: auth.rev })).statusCode).toBe(403);
    const queue = await app.inject({ method: 'GET', url: '/api/v1/objections?status=pending', headers: auth.rev });
    expect(queue.json<{ items: Objection[] }>().items.map((o) => o.id)).toEqual([objection.id]);

    const decided = await app.inject({
      method: 'POST',
      url: `/api/v1/objections/${objection.id}/decision`,
      headers: auth.rev,
      payload: { outcome: 'upheld', note: '经核实，尚未履行完毕', version: objection.version },
    });
    expect(decided.statusCode).toBe(200);
    const again = await app.inject({ method: 'POST', url: `/api/v1/objections/${objection.id}/decision`, headers: auth.rev, payload: { outcome: 'upheld', note: '再次', version: 2 } });
    expect(again.statusCode).toBe(409);

    const mine = await app.inject({ method: 'GET', url: '/api/v1/objections/mine', headers: auth.citizen });
    expect(mine.json<{ items: Objection[] }>().items[0]).toMatchObject({ outcome: 'upheld', outcomeNote: '经核实，尚未履行完毕' });
    const stats = await app.inject({ method: 'GET', url: '/api/v1/objections/stats', headers: auth.auditor });
    expect(stats.json<{ departments: Array<{ upheld: number; errors: number }> }>().departments).toEqual([expect.objectContaining({ upheld: 1, errors: 0 })]);
  });
});
