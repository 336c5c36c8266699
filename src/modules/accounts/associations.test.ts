import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { tokenWithTwoFactor } from '../../../test/helpers/auth.ts';
import { describeEachDatabase } from '../../../test/helpers/db.ts';
import { TEST_APP_CONFIG } from '../../../test/helpers/server.ts';
import { personCode } from '../records/test-factories.ts';

const PASSWORD = 'Association-Password-2026';
const LAWYERS = '51419001MJ0000001B';

/** 济政办〔2017〕55号 (二)3: an industry association keeps its members' credit files, and only theirs. */
describeEachDatabase('industry association members', (get) => {
  let app: FastifyInstance;
  const auth: Record<string, { authorization: string }> = {};
  const member = personCode(7001);
  const stranger = personCode(7002);
  const former = personCode(7003);

  beforeAll(async () => {
    const { services } = get();
    const departments = await services.accounts.listDepartments();
    const association = departments.find((d) => d.orgCode === LAWYERS)!;
    expect(association.kind).toBe('industry_association');
    const government = departments.find((d) => d.kind === 'government')!;
    for (const [username, departmentId] of [['assoc', association.id], ['gov', government.id]] as const) {
      await services.accounts.addUser({ actor: null }, { username, displayName: username, role: 'dept_operator', password: PASSWORD, departmentId });
      auth[username] = { authorization: `Bearer ${await tokenWithTwoFactor(get(), username, PASSWORD)}` };
    }
    app = await buildApp({ config: TEST_APP_CONFIG, services, logger: false });
  });
  afterAll(async () => {
    await app.close();
  });

  const recommendation = (code: string, n: number) => ({ xm: `李${n}`, sfzh: code, xhmc: '济源市律师协会', tjwh: `济律协〔2026〕${n}号`, tjrq: '2026-11-20' });

  it('records recommendations only about current members; others come back located with the reason', async () => {
    const registered = await app.inject({
      method: 'POST',
      url: '/api/v1/associations/members',
      headers: auth.assoc,
      payload: { members: [{ code: member, name: '李明', memberNumber: 'L-0001', joinedOn: '2020-03-01' }, { code: former, name: '李前', joinedOn: '2019-01-01', leftOn: '2025-06-30' }] },
    });
    expect(registered.statusCode, registered.body).toBe(200);
    expect(registered.json()).toEqual({ added: 2, updated: 0 });

    const batch = await app.inject({
      method: 'POST',
      url: '/api/v1/records/batches',
      headers: auth.assoc,
      payload: { item: 'CXHY', records: [recommendation(member, 1), recommendation(stranger, 2), recommendation(former, 3)] },
    });
    expect(batch.statusCode, batch.body).toBe(200);
    expect(batch.json()).toMatchObject({ accepted: 1, rejected: 2 });
    expect(batch.json().errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
      [2, 'sfzh', 'records.not_a_member'],
      [3, 'sfzh', 'records.not_a_member'],
    ]);
    expect(batch.json().errors[0].message.zh).toContain('济源市律师协会');

    const list = await app.inject({ method: 'GET', url: '/api/v1/associations/members', headers: auth.assoc });
    expect(list.json().total).toBe(2);
    expect(list.json().items.map((m: { subjectName: string; isCurrent: boolean }) => [m.subjectName, m.isCurrent]).sort()).toEqual([
      ['李*', false],
      ['李*', true],
    ]);
  });

  it('a member who rejoins is current again and can then be recorded', async () => {
    const rejoin = await app.inject({ method: 'POST', url: '/api/v1/associations/members', headers: auth.assoc, payload: { members: [{ code: former, name: '李前', joinedOn: '2026-11-01', leftOn: null }] } });
    expect(rejoin.json()).toEqual({ added: 0, updated: 1 });
    const batch = await app.inject({ method: 'POST', url: '/api/v1/records/batches', headers: auth.assoc, payload: { item: 'CXHY', records: [recommendation(former, 4)] } });
    expect(batch.json()).toMatchObject({ accepted: 1, rejected: 0 });
  });

  it('a government department has no member register, and its own records are not restricted', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/associations/members', headers: auth.gov, payload: { members: [{ code: member, name: '李明' }] } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('associations.not_an_association');
    expect((await app.inject({ method: 'GET', url: '/api/v1/associations/members', headers: auth.gov })).json()).toEqual({ items: [], total: 0 });
    const batch = await app.inject({ method: 'POST', url: '/api/v1/records/batches', headers: auth.gov, payload: { item: 'CXHY', records: [recommendation(stranger, 5)] } });
    expect(batch.json()).toMatchObject({ accepted: 1, rejected: 0 });
  });

  it('a bad member code is located and nothing is written', async () => {
    const bad = `${member.slice(0, 17)}${member.endsWith('0') ? '1' : '0'}`;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/associations/members',
      headers: auth.assoc,
      payload: { members: [{ code: stranger, name: '王新' }, { code: bad, name: '坏码' }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'associations.invalid_code', errors: [{ field: 'members/1/code', reason: 'checksum' }] });
    expect(res.json().detail).toContain('校验码');
    const list = await app.inject({ method: 'GET', url: '/api/v1/associations/members', headers: auth.assoc });
    expect(list.json().total).toBe(2);
  });
});
