import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { tokenWithTwoFactor } from '../../../test/helpers/auth.ts';
import { describeEachDatabase, TEST_START } from '../../../test/helpers/db.ts';
import { TEST_APP_CONFIG } from '../../../test/helpers/server.ts';
import { personCode, judgmentDebtorRecord } from '../records/test-factories.ts';
import { addDays } from './rules.ts';

const PASSWORD = 'Lists-Http-Password-2026';
const COURT = '11419001101029470Q';

describeEachDatabase('lists HTTP API', (get) => {
  let app: FastifyInstance;
  const auth: Record<string, { authorization: string }> = {};
  let recordId: string;
  /** Sessions end after 30 idle minutes of the test clock: sign in again after moving it. */
  const signIn = async (...usernames: string[]) => {
    for (const u of usernames) auth[u] = { authorization: `Bearer ${await tokenWithTwoFactor(get(), u, PASSWORD)}` };
  };

  beforeAll(async () => {
    const { services } = get();
    const departments = await services.accounts.listDepartments();
    const court = departments.find((d) => d.orgCode === COURT)!;
    const other = departments.find((d) => d.orgCode !== COURT)!;
    const add = async (username: string, role: 'dept_operator' | 'dept_reviewer' | 'citizen' | 'platform_admin', extra: { departmentId?: string; personId?: string } = {}) => {
      await services.accounts.addUser({ actor: null }, { username, displayName: username, role, password: PASSWORD, ...extra });
      await signIn(username);
    };
    await add('op', 'dept_operator', { departmentId: court.id });
    await add('rev', 'dept_reviewer', { departmentId: court.id });
    await add('other-rev', 'dept_reviewer', { departmentId: other.id });
    await add('boss', 'platform_admin');
    const op = await services.accounts.authenticate(auth.op!.authorization.slice(7));
    const job = await services.records.submitBatch({ actor: op }, 'SXBZXR', [
      judgmentDebtorRecord(11, { code: personCode(11), name: '周十一' }, '2026-10-10'),
    ]);
    expect(job.errors).toEqual([]);
    const personId = (await services.identity.resolvePersonId(personCode(11)))!;
    recordId = (await services.records.subjectFacts({ personId }))[0]!.recordId;
    await add('citizen', 'citizen', { personId });
    const otherPerson = await services.identity.registerPerson({ actor: null }, { code: personCode(12), name: '吴十二' });
    await add('neighbour', 'citizen', { personId: otherPerson.id });
    app = await buildApp({ config: TEST_APP_CONFIG, services, logger: false });
  });
  afterAll(async () => {
    await app.close();
  });

  const call = (method: 'GET' | 'POST', url: string, who?: string, payload?: unknown) =>
    app.inject({ method, url, ...(who ? { headers: auth[who] } : {}), ...(payload === undefined ? {} : { payload: payload as object }) });

  it('a department proposes, the person reads the notice and states a defence, the reviewer lists the entry; strangers get 404', async () => {
    const { clock } = get();
    clock.set(TEST_START);
    await signIn(...Object.keys(auth));
    const candidates = await call('GET', `/api/v1/lists/candidates?list=serious_dishonesty&subjectCode=${personCode(11)}`, 'op');
    expect(candidates.statusCode, candidates.body).toBe(200);
    expect(candidates.json().records).toEqual([expect.objectContaining({ recordId, itemCode: 'SXBZXR', refusal: null })]);

    const proposed = await call('POST', '/api/v1/lists/entries', 'op', {
      list: 'serious_dishonesty',
      subjectCode: personCode(11),
      category: 'defying_obligations',
      recordIds: [recordId],
      basis: '《最高人民法院关于公布失信被执行人名单信息的若干规定》',
      reason: '拒不履行生效判决',
      measures: '限制高消费',
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const { entry } = proposed.json();
    expect(entry).toMatchObject({ status: 'notified', subjectName: '周**', departmentName: '济源中级人民法院' });

    const mine = await call('GET', '/api/v1/lists/mine', 'citizen');
    expect(mine.json()).toMatchObject({ total: 1, items: [{ id: entry.id, status: 'notified' }] });
    const detail = await call('GET', `/api/v1/lists/mine/${entry.id}`, 'citizen');
    expect(detail.json().notices[0].title.zh).toContain('事前告知书');
    // Another person, and a non-citizen account, see nothing of it.
    expect((await call('GET', `/api/v1/lists/mine/${entry.id}`, 'neighbour')).statusCode).toBe(404);
    expect((await call('POST', `/api/v1/lists/mine/${entry.id}/statements`, 'neighbour', { kind: 'defence', text: '冒充申辩' })).statusCode).toBe(404);
    expect((await call('GET', '/api/v1/lists/mine', 'op')).json()).toEqual({ items: [], total: 0 });

    const review = await call('POST', `/api/v1/lists/mine/${entry.id}/statements`, 'citizen', { kind: 'review', text: '申请向省社会信用工作主管部门复核' });
    expect(review.statusCode, review.body).toBe(200);
    expect(review.json().events.at(-1)).toMatchObject({ action: 'review_request', note: '申请向省社会信用工作主管部门复核' });

    // Another department's reviewer: 404 on reading and on deciding.
    expect((await call('GET', `/api/v1/lists/entries/${entry.id}`, 'other-rev')).statusCode).toBe(404);
    expect((await call('POST', `/api/v1/lists/entries/${entry.id}/decision`, 'other-rev', { outcome: 'list', note: '越权认定', version: 2 })).statusCode).toBe(404);
    // The operator proposes but does not decide.
    expect((await call('POST', `/api/v1/lists/entries/${entry.id}/decision`, 'op', { outcome: 'list', note: '自行认定', version: 2 })).statusCode).toBe(403);

    const early = await call('POST', `/api/v1/lists/entries/${entry.id}/decision`, 'rev', { outcome: 'list', note: '维持', version: 2 });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'lists.defence_period_running' });
    clock.set(`${addDays(entry.defenceUntil, 1)}T09:00:00+08:00`);
    await signIn('rev', 'op', 'boss');
    const listed = await call('POST', `/api/v1/lists/entries/${entry.id}/decision`, 'rev', { outcome: 'list', note: '复核申请已转省信用主管部门，认定维持', version: 2 });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().entry).toMatchObject({ status: 'listed', inForce: true });

    // The admin reads every department's entries.
    expect((await call('GET', '/api/v1/lists/entries?list=serious_dishonesty', 'boss')).json().items.map((e: { id: string }) => e.id)).toContain(entry.id);
  });

  it('a refused proposal answers 400 with the code, the located field and both languages', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/lists/entries',
      headers: { ...auth.op, 'accept-language': 'en' },
      payload: { list: 'red', subjectCode: personCode(11), recordIds: [recordId], basis: '依据依据', reason: '理由理由' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'lists.not_a_red_basis' });
    expect(res.body).toContain('recordIds/0');
    expect(res.body).toContain('is not a red-list source');
  });

  it('the public announcements need no sign-in and never show a person’s name', async () => {
    const res = await call('GET', '/api/v1/lists/announcements');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('周十一');
  });
});
