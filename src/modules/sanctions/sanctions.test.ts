import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { tokenWithTwoFactor } from '../../../test/helpers/auth.ts';
import { describeEachDatabase, TEST_START } from '../../../test/helpers/db.ts';
import { actorContext, refusal, TEST_USER_PASSWORD } from '../../../test/helpers/domain.ts';
import { TEST_APP_CONFIG } from '../../../test/helpers/server.ts';
import type { RequestContext } from '../../shared/context.ts';
import { addCalendarDays } from '../../shared/working-days.ts';
import { PENALTY_HEADER, orgCode, penaltyCsv, penaltyRow, personCode, judgmentDebtorRecord } from '../records/test-factories.ts';
import type { Hit } from './schema.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'chengxin-sanctions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COURT = '11419001101029470Q';
const CIVILISATION = '11419001100475140J';
const HOUSING = '11419001101346230T';
const HRSS = '11419001100871090F';

const codes = (hits: Hit[]) => hits.map((h) => h.measure.code).sort();

describeEachDatabase('sanctions', (get) => {
  let app: FastifyInstance;
  const auth: Record<string, { authorization: string }> = {};
  let court: { op: RequestContext; rev: RequestContext };
  let civilisation: { op: RequestContext; rev: RequestContext };
  let hrssOp: RequestContext;
  const entries: Record<'listed' | 'red' | 'org', string> = { listed: '', red: '', org: '' };
  let decidedOn = '';
  let adminName = '';
  // Tests move the clock by days: an admin session (idle timeout, GB/T 22239) is opened when needed.
  const admin = async () => ({ authorization: `Bearer ${await tokenWithTwoFactor(get(), adminName, TEST_USER_PASSWORD)}` });

  const check = (who: string, subject: string, scenario: string, lang = 'zh') =>
    app.inject({ method: 'POST', url: '/api/v1/sanctions/check', headers: { ...auth[who], 'accept-language': lang }, payload: { subject, scenario } });
  const count = async (table: 'sanctionDecisions' | 'sanctionFeedback' | 'sanctionApplications' | 'auditEntries') =>
    Number(((await get().database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()) as { n: number }).n);

  beforeAll(async () => {
    const db = get();
    const { services } = db;
    db.clock.set(TEST_START);
    court = { op: await actorContext(db, 'dept_operator', { orgCode: COURT }), rev: await actorContext(db, 'dept_reviewer', { orgCode: COURT }) };
    civilisation = { op: await actorContext(db, 'dept_operator', { orgCode: CIVILISATION }), rev: await actorContext(db, 'dept_reviewer', { orgCode: CIVILISATION }) };
    hrssOp = await actorContext(db, 'dept_operator', { orgCode: HRSS });
    const housingOp = await actorContext(db, 'dept_operator', { orgCode: HOUSING });
    for (const [name, ctx] of [
      ['client', await actorContext(db, 'api_client')],
      ['client2', await actorContext(db, 'api_client')],
      ['counter', hrssOp],
    ] as const) {
      auth[name] = { authorization: `Bearer ${await tokenWithTwoFactor(db, (ctx as { username: string }).username, TEST_USER_PASSWORD)}` };
    }
    adminName = (await actorContext(db, 'platform_admin')).username;
    app = await buildApp({ config: TEST_APP_CONFIG, services, logger: false });

    // 1: a judgment debtor (失信被执行人), proposed for the serious-dishonesty list.
    const debtor = await services.records.submitBatch(court.op, 'SXBZXR', [
      judgmentDebtorRecord(1, { code: personCode(1), name: '赵一' }, '2026-10-09'),
    ]);
    expect(debtor.errors).toEqual([]);
    const p1 = (await services.identity.resolvePersonId(personCode(1)))!;
    const listed = await services.lists.propose(court.op, {
      list: 'serious_dishonesty',
      subjectCode: personCode(1),
      category: 'defying_obligations',
      recordIds: (await services.records.subjectFacts({ personId: p1 })).map((f) => f.recordId),
      basis: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条',
      reason: '有履行能力而拒不履行',
      measures: '限制高消费',
    });
    // 2: a moral model (道德模范), proposed for the red list.
    expect((await services.records.submitBatch(civilisation.op, 'DDMF', [{ xm: '李二', sfzh: personCode(2), rych: '济源市道德模范', jb: '市级', sydw: '济源市文明委', bzwh: '济文明〔2026〕2号', sysj: '2026-09-20' }])).errors).toEqual([]);
    const p2 = (await services.identity.resolvePersonId(personCode(2)))!;
    const red = await services.lists.propose(civilisation.op, { list: 'red', subjectCode: personCode(2), recordIds: (await services.records.subjectFacts({ personId: p2 })).map((f) => f.recordId), basis: '济政办〔2017〕55号（三）5', reason: '获评道德模范' });
    // 3: a person with no record at all.
    await services.identity.registerPerson({ actor: null }, { code: personCode(3), name: '孙三' });
    // 4: a company with a serious penalty, its legal representative 王五 (personCode(4)).
    const file = path.join(dir, 'org.csv');
    writeFileSync(file, penaltyCsv([[...penaltyRow(40, { organization: true, representativeCode: personCode(4), decisionDate: '2026-07-01' }), '严重']], [...PENALTY_HEADER, '失信严重程度']));
    expect(await services.records.importFile(court.op, { file, departmentOrgCode: COURT })).toMatchObject({ status: 'done', rejected: 0 });
    const o4 = (await services.identity.resolveOrganizationId(orgCode(40)))!;
    const org = await services.lists.propose(court.op, {
      list: 'serious_dishonesty',
      subjectCode: orgCode(40),
      category: 'fair_competition',
      recordIds: (await services.records.subjectFacts({ organizationId: o4 })).map((f) => f.recordId),
      basis: '《企业信息公示暂行条例》第十八条',
      reason: '弄虚作假',
      measures: '限制参加政府采购',
    });
    // 5: unconfirmed utility arrears (Henan Art. 27); the item is seeded inactive until its rights review is recorded.
    const arrears = await services.catalog.get('GGSYQF');
    await services.catalog.update({ actor: null }, 'GGSYQF', { active: true, expertReviewedAt: '2026-11-01', publicCommentAt: '2026-11-15' }, '专家评估与公开征求意见已完成', arrears.version);
    expect((await services.records.submitBatch(housingOp, 'GGSYQF', [{ xm: '周五', sfzh: personCode(5), fylx: '物业费', fwdw: '某物业公司', hh: '3-1-301', qfqj: '2025年', qfje: '1200.00', qfbh: 'WY-5', tzrq: '2026-09-01' }])).errors).toEqual([]);

    // Past the defence and announcement periods: the reviewers list them (发起).
    decidedOn = addCalendarDays(red.entry.announcementUntil!, 1);
    db.clock.set(`${decidedOn}T09:00:00+08:00`);
    for (const [key, entry, rev] of [
      ['listed', listed.entry, court.rev],
      ['red', red.entry, civilisation.rev],
      ['org', org.entry, court.rev],
    ] as const) {
      await services.lists.decide(rev, entry.id, { outcome: 'list', note: '依法列入', version: entry.version });
      entries[key] = entry.id;
    }
  });
  afterAll(async () => {
    await app.close();
  });

  it('lists the scenarios as {code, name}', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/sanctions/scenarios', headers: auth.client });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(expect.arrayContaining([{ code: 'high_consumption', name: '高消费' }, { code: 'administrative_licensing', name: '行政许可' }]));
  });

  it('a listed person: the memorandum’s measures with the list entry as trigger; the check is logged and kept', async () => {
    const res = await check('client', personCode(1), 'high_consumption');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ subject: { type: 'person', code: expect.stringMatching(/^419001\*+/) }, scenario: { code: 'high_consumption' } });
    expect(body.hits).toHaveLength(1);
    expect(body.hits[0]).toMatchObject({
      kind: 'punishment',
      measure: { code: 'SX141_HIGH_CONSUMPTION', severityFit: 'listed', implementingDepartment: { orgCode: COURT } },
      memorandum: { code: 'FGCJ_2016_141', documentNumber: '发改财金〔2016〕141号' },
      basis: expect.stringContaining('法释〔2015〕17号'),
      trigger: { type: 'list', entryId: entries.listed, list: 'serious_dishonesty', itemCodes: ['SXBZXR'], via: null },
      appliesTo: { subject: true, responsiblePersons: [] },
    });
    expect(body.hits[0].triggers.map((t: { type: string }) => t.type)).toEqual(['list', 'record']);
    const p1 = (await get().services.identity.resolvePersonId(personCode(1)))!;
    const logged = await get().services.audit.listForSubject('person', p1);
    expect(logged.find((e) => e.action === 'sanctions.check')).toMatchObject({ data: { decisionId: body.decisionId, scenario: 'high_consumption', hits: 1 }, purpose: expect.stringContaining('联合奖惩') });
    const civil = await check('client', personCode(1), 'civil_service_recruitment');
    expect(codes(civil.json().hits)).toEqual(['SX141_CIVIL_SERVICE']);
  });

  it('a red-listed person and a three-year-clean person get the green channel and 容缺受理', async () => {
    const red = (await check('client', personCode(2), 'administrative_licensing')).json();
    expect(codes(red.hits)).toEqual(['JZB55_ACCEPT_PENDING', 'JZB55_GREEN_CHANNEL']);
    expect(red.hits.every((h: Hit) => h.kind === 'reward')).toBe(true);
    expect(red.hits[0].trigger).toMatchObject({ type: 'list', list: 'red', category: 'DDMF', entryId: entries.red });
    const clean = (await check('client', personCode(3), 'administrative_licensing')).json();
    expect(codes(clean.hits)).toEqual(['JZB55_ACCEPT_PENDING', 'JZB55_GREEN_CHANNEL']);
    expect(clean.hits[0].trigger).toEqual({ type: 'clean_for_years', lastBadRecordOn: null });
    // A valid code the platform has never seen: nothing to apply, the check still kept.
    const unknown = await check('client', personCode(9), 'administrative_licensing');
    expect(unknown.statusCode).toBe(200);
    expect(unknown.json().hits).toEqual([]);
  });

  it('an organization: its measures, and their reach to the legal representative (落实到人)', async () => {
    const org = (await check('client', orgCode(40), 'honours')).json();
    expect(org.hits.find((h: Hit) => h.measure.code === 'GF33_HONOURS')).toMatchObject({
      trigger: { type: 'list', entryId: entries.org, via: null },
      appliesTo: { subject: true, responsiblePersons: [{ role: 'legal_representative', name: '王*' }] },
    });
    const rep = (await check('client', personCode(4), 'honours')).json();
    expect(rep.hits.find((h: Hit) => h.measure.code === 'GF33_HONOURS')?.trigger).toMatchObject({
      type: 'list',
      entryId: entries.org,
      via: { organizationName: '济源市第40商贸有限公司', role: 'legal_representative' },
    });
    // Reached as its representative: not clean, no reward, and the basic licensing measure.
    expect(codes((await check('client', personCode(4), 'administrative_licensing')).json().hits)).toEqual(['GF33_KEY_REVIEW']);
  });

  it('unconfirmed utility arrears never trigger a punishment (Henan Art. 27), in any scenario', async () => {
    for (const { code } of await get().services.sanctions.scenarios()) {
      const res = await check('client', personCode(5), code);
      expect(res.statusCode).toBe(200);
      expect(res.json().hits.filter((h: Hit) => h.kind === 'punishment')).toEqual([]);
    }
    // Nor can an admin write a measure resting on them.
    const measure = { ...(await get().services.sanctions.getMeasure('GF33_FUNDING')) } as Record<string, unknown>;
    for (const k of ['id', 'version', 'seedVersion', 'updatedAt', 'updatedBy', 'code']) delete measure[k];
    measure.triggers = [{ type: 'record', itemCodes: ['GGSYQF'], minSeverity: 'minor' }];
    measure.severityFit = 'basic';
    const res = await app.inject({ method: 'PUT', url: '/api/v1/sanctions/measures/GF33_FUNDING', headers: await admin(), payload: { measure, reason: '测试', expectedVersion: 1 } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'sanctions.item_not_punishable', errors: [expect.objectContaining({ field: 'triggers[0].itemCodes[0]' })] });
    expect((await get().services.sanctions.getMeasure('GF33_FUNDING')).version).toBe(1);
  });

  it('refuses an unknown scenario and an invalid code with a located 400, writing nothing', async () => {
    const before = [await count('sanctionDecisions'), await count('auditEntries')];
    const scenario = await check('client', personCode(1), 'casino');
    expect(scenario.statusCode).toBe(400);
    expect(scenario.json()).toMatchObject({ code: 'sanctions.unknown_scenario', errors: [expect.objectContaining({ field: 'scenario' })] });
    expect(scenario.json().detail).toContain('casino');
    const bad = personCode(1).slice(0, 17);
    const zh = await check('client', bad, 'high_consumption');
    expect(zh.statusCode).toBe(400);
    expect(zh.json()).toMatchObject({ code: 'sanctions.invalid_code', errors: [expect.objectContaining({ field: 'subject' })] });
    expect(zh.json().detail).toContain('主体代码无效');
    expect((await check('client', bad, 'high_consumption', 'en')).json().detail).toContain('Invalid subject code');
    expect((await check('client', '', 'high_consumption')).statusCode).toBe(400);
    expect([await count('sanctionDecisions'), await count('auditEntries')]).toEqual(before);
  });

  it('feedback: the caller reports the measures applied; unknown, foreign, unhit and repeated feedback are refused, writing nothing', async () => {
    const decisionId = (await check('client', personCode(1), 'high_consumption')).json().decisionId as string;
    const feedback = (who: string, payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/v1/sanctions/feedback', headers: auth[who], payload });
    const before = [await count('sanctionFeedback'), await count('sanctionApplications')];
    expect((await feedback('client2', { decisionId, measuresApplied: [], outcome: '已限制' })).statusCode).toBe(404);
    expect((await feedback('client', { decisionId: 'no-such-decision', measuresApplied: [], outcome: '已限制' })).json()).toMatchObject({ code: 'sanctions.decision_not_found' });
    const unhit = await feedback('client', { decisionId, measuresApplied: ['SX141_EXIT'], outcome: '已限制' });
    expect(unhit.statusCode).toBe(400);
    expect(unhit.json()).toMatchObject({ code: 'sanctions.measure_not_hit', errors: [expect.objectContaining({ field: 'measuresApplied[0]' })] });
    expect([await count('sanctionFeedback'), await count('sanctionApplications')]).toEqual(before);

    const ok = await feedback('client', { decisionId, measuresApplied: ['SX141_HIGH_CONSUMPTION'], outcome: '不予办理软卧购票' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ decisionId, measuresApplied: ['SX141_HIGH_CONSUMPTION'] });
    expect((await feedback('client', { decisionId, measuresApplied: [], outcome: '再次反馈' })).statusCode).toBe(409);
    expect([await count('sanctionFeedback'), await count('sanctionApplications')]).toEqual([before[0]! + 1, before[1]! + 1]);
  });

  it('concurrent checks are each committed with their access-log entry (group commit)', async () => {
    const before = [await count('sanctionDecisions'), await count('auditEntries')];
    const replies = await Promise.all(Array.from({ length: 30 }, (_, i) => check('client', personCode(i % 4 + 1), 'honours')));
    expect(replies.every((r) => r.statusCode === 200)).toBe(true);
    expect(new Set(replies.map((r) => r.json().decisionId)).size).toBe(30);
    expect([await count('sanctionDecisions'), await count('auditEntries')]).toEqual([before[0]! + 30, before[1]! + 30]);
  });

  it('a listing initiates tasks for the implementing departments: acknowledge → apply → feedback, idempotent reconcile, dashboard', async () => {
    const db = get();
    const { workflow } = db.services.sanctions;
    const courtTasks = await workflow.listTasks(court.op, {});
    const forDebtor = courtTasks.items.find((t) => t.entryId === entries.listed)!;
    expect(forDebtor).toMatchObject({ status: 'initiated', subjectLabel: '赵*', measures: [{ code: 'SX141_HIGH_CONSUMPTION', kind: 'punishment' }], acknowledgeDueOn: await db.services.calendar.addWorkingDays(decidedOn, 5) });
    const hrss = await workflow.listTasks(hrssOp, {});
    expect(hrss.items.find((t) => t.entryId === entries.listed)?.measures.map((m) => m.code)).toEqual(['SX141_CIVIL_SERVICE']);
    expect(hrss.items.find((t) => t.entryId === entries.red)?.measures.map((m) => m.code)).toEqual(['JZB55_EMPLOYMENT']);
    // Idempotent: the reconcile finds nothing missing.
    expect(await workflow.reconcile(db.services.lists)).toBe(0);

    // Another department's task answers like a missing one; steps out of order are refused.
    expect(await refusal(workflow.getTask(hrssOp, forDebtor.id))).toMatchObject({ code: 'sanctions.task_not_found', status: 404 });
    expect(await refusal(workflow.close(court.op, forDebtor.id, { expectedVersion: 1, note: '太早' }))).toMatchObject({ code: 'sanctions.task_state', status: 409 });
    const acked = await workflow.acknowledge(court.op, forDebtor.id, { expectedVersion: 1, note: '已接收' });
    expect(acked).toMatchObject({ status: 'acknowledged', version: 2 });
    expect(await refusal(workflow.recordApplication(court.op, forDebtor.id, { expectedVersion: 2, measureCode: 'SX141_EXIT', outcome: 'x' }))).toMatchObject({ code: 'sanctions.measure_not_in_task' });
    const applied = await workflow.recordApplication(court.op, forDebtor.id, { expectedVersion: 2, measureCode: 'SX141_HIGH_CONSUMPTION', outcome: '已发出限制消费令' });
    expect(await refusal(workflow.close(court.op, forDebtor.id, { expectedVersion: 2, note: '旧版本' }))).toMatchObject({ code: 'sanctions.task_changed' });
    const closed = await workflow.close(court.op, forDebtor.id, { expectedVersion: applied.version, note: '已落实' });
    expect(closed.events.map((e) => e.kind)).toEqual(['initiate', 'acknowledge', 'apply', 'feedback']);
    expect(closed).toMatchObject({ status: 'closed', isOverdue: false });

    // After the deadline, the unacknowledged ones are overdue.
    db.clock.set(`${addCalendarDays(forDebtor.acknowledgeDueOn, 1)}T09:00:00+08:00`);
    const res = await app.inject({ method: 'GET', url: '/api/v1/sanctions/dashboard', headers: await admin() });
    expect(res.statusCode).toBe(200);
    const dashboard = res.json();
    const memo = dashboard.memoranda.find((m: { key: string }) => m.key === 'FGCJ_2016_141');
    expect(memo).toMatchObject({ entries: 1, measuresApplied: 2 });
    expect(memo.checks).toBeGreaterThanOrEqual(3);
    expect(memo.feedbackRate).toBeGreaterThan(0);
    // 人社局, 发改委, 公安局 and 人民银行 have not responded; the court closed its task.
    expect(memo.overdueAcknowledgements).toBe(4);
    expect(dashboard.departments.find((d: { name: string }) => d.name === '济源中级人民法院')).toMatchObject({ overdueAcknowledgements: 0, measuresApplied: 2 });
    expect(dashboard.totals.overdueAcknowledgements).toBeGreaterThan(0);
    db.clock.set(`${decidedOn}T09:00:00+08:00`);
  });

  it('an admin edits a measure as a new version with who and why; a stale version is refused; checks see the change', async () => {
    const { sanctions } = get().services;
    const current = await sanctions.getMeasure('SX141_HIGH_CONSUMPTION');
    const { id: _i, version: _v, seedVersion: _s, updatedAt: _u, updatedBy: _b, code: _c, ...definition } = current;
    const headers = await admin();
    const put = (expectedVersion: number, guidance: string) =>
      app.inject({ method: 'PUT', url: '/api/v1/sanctions/measures/SX141_HIGH_CONSUMPTION', headers, payload: { measure: { ...definition, guidance }, reason: '补充办理提示', expectedVersion } });
    const res = await put(1, '核对限制消费令后拒绝办理。');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, guidance: '核对限制消费令后拒绝办理。' });
    expect((await put(1, '另一个')).json()).toMatchObject({ code: 'sanctions.version_conflict' });
    const versions = (await app.inject({ method: 'GET', url: '/api/v1/sanctions/measures/SX141_HIGH_CONSUMPTION/versions', headers: await admin() })).json().versions;
    expect(versions.map((v: { changeKind: string; reason: string }) => [v.changeKind, v.reason])).toEqual([
      ['seed', expect.stringContaining('seed/memoranda.json')],
      ['update', '补充办理提示'],
    ]);
    expect(versions[1].changedBy).toBeTruthy();
    expect((await check('client', personCode(1), 'high_consumption')).json().hits[0].measure.guidance).toBe('核对限制消费令后拒绝办理。');
  });
});
