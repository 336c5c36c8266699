import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { tokenWithTwoFactor } from '../../../test/helpers/auth.ts';
import { describeEachDatabase } from '../../../test/helpers/db.ts';
import { TEST_APP_CONFIG } from '../../../test/helpers/server.ts';
import { personCode, judgmentDebtorRecord } from '../records/test-factories.ts';
import type { Challenge } from './schema.ts';

const PASSWORD = 'Challenges-Http-Password-2026';
const COURT = '11419001101029470Q';
const NDRC = '114190011000000004';

describeEachDatabase('challenges HTTP API', (get) => {
  let app: FastifyInstance;
  const auth: Record<string, { authorization: string }> = {};
  let recordId: string;

  beforeAll(async () => {
    const { services } = get();
    const departments = await services.accounts.listDepartments();
    const court = departments.find((d) => d.orgCode === COURT)!;
    const ndrc = departments.find((d) => d.orgCode === NDRC)!;
    const add = async (username: string, role: 'dept_reviewer' | 'dept_operator' | 'citizen' | 'auditor', extra: { departmentId?: string; personId?: string } = {}) => {
      await services.accounts.addUser({ actor: null }, { username, displayName: username, role, password: PASSWORD, ...extra });
      auth[username] = { authorization: `Bearer ${await tokenWithTwoFactor(get(), username, PASSWORD)}` };
    };
    await add('op', 'dept_operator', { departmentId: court.id });
    await add('rev', 'dept_reviewer', { departmentId: court.id });
    await add('other', 'dept_operator', { departmentId: ndrc.id });
    await add('auditor', 'auditor');
    const op = await services.accounts.authenticate(auth.op!.authorization.slice(7));
    const job = await services.records.submitBatch({ actor: op }, 'SXBZXR', [judgmentDebtorRecord(31, { code: personCode(31), name: '吴三一' }, '2026-10-10')]);
    expect(job.errors).toEqual([]);
    const personId = (await services.identity.resolvePersonId(personCode(31)))!;
    recordId = (await services.records.subjectFacts({ personId }))[0]!.recordId;
    await add('citizen', 'citizen', { personId });
    app = await buildApp({ config: TEST_APP_CONFIG, services, logger: false });
  });
  afterAll(async () => {
    await app.close();
  });

  it('the source department records and concludes; the citizen sees it on their records; others are refused with located errors', async () => {
    const url = `/api/v1/records/${recordId}/challenges`;
    const body = { kind: 'litigation', caseNumber: '(2026)豫9001行初12号', handledBy: '济源市人民法院', filedOn: '2026-10-20' };

    const missing = await app.inject({ method: 'POST', url, headers: auth.op, payload: { kind: 'litigation', handledBy: '济源市人民法院', filedOn: '2026-10-20' } });
    expect(missing.statusCode).toBe(400);
    expect(JSON.stringify(missing.json())).toContain('caseNumber');
    expect((await app.inject({ method: 'POST', url, headers: auth.other, payload: body })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url, headers: auth.citizen, payload: body })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/challenges', headers: auth.auditor })).statusCode).toBe(403);

    const recorded = await app.inject({ method: 'POST', url, headers: auth.op, payload: body });
    expect(recorded.statusCode).toBe(201);
    const challenge = recorded.json<Challenge>();
    expect(challenge).toMatchObject({ status: 'pending', kind: 'litigation' });
    expect((await app.inject({ method: 'POST', url, headers: auth.op, payload: body })).statusCode).toBe(409);

    const listed = await app.inject({ method: 'GET', url, headers: auth.rev });
    expect(listed.json<{ items: Challenge[] }>().items.map((c) => c.id)).toEqual([challenge.id]);
    const queue = await app.inject({ method: 'GET', url: '/api/v1/challenges?status=pending', headers: auth.rev });
    expect(queue.json<{ items: Challenge[] }>().items.map((c) => c.id)).toEqual([challenge.id]);
    const mine = await app.inject({ method: 'GET', url: '/api/v1/challenges/mine', headers: auth.citizen });
    expect(mine.json<{ items: Challenge[] }>().items).toEqual([expect.objectContaining({ id: challenge.id, status: 'pending' })]);

    const conclude = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: `/api/v1/challenges/${challenge.id}/conclude`, headers: auth.rev, payload });
    const early = await conclude({ outcome: 'revoked', concludedOn: '2026-10-19', note: '判决撤销', version: 1 });
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({ code: 'challenges.concluded_before_filed' });
    expect(JSON.stringify(early.json())).toContain('concludedOn');
    const done = await conclude({ outcome: 'revoked', concludedOn: '2026-11-20', note: '(2026)豫9001行初12号判决：撤销', version: 1 });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ outcome: 'revoked', followUp: 'revoke_record', withdrawnFromDisclosure: true });
    expect((await conclude({ outcome: 'upheld', concludedOn: '2026-11-21', note: '再次', version: 2 })).statusCode).toBe(409);
  });
});
