import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { tokenWithTwoFactor } from '../../../test/helpers/auth.ts';
import { describeEachDatabase, type TestDb } from '../../../test/helpers/db.ts';
import { actorContext, importPenalties, TEST_USER_PASSWORD } from '../../../test/helpers/domain.ts';
import { TEST_APP_CONFIG } from '../../../test/helpers/server.ts';
import type { RequestContext } from '../../shared/context.ts';
import { penaltyRow, personCode } from '../records/test-factories.ts';
import type { RepairEvidence } from '../repair/index.ts';
import type { OverdueOverview } from './schema.ts';

const NDRC = '114190011000000004'; // 市发展和改革委员会
const COURT = '11419001101029470Q'; // 济源中级人民法院
const EVIDENCE: RepairEvidence = { obligationsPerformed: true, obligationsProof: '罚款已缴纳，缴款书 0301', commitmentLetter: true, creditTraining: false, volunteerHours: 0, donationFen: 0 };

const at = (db: TestDb, day: string) => db.clock.set(`${day}T10:00:00+08:00`);

/**
 * 逾期督办 (issue 7): an objection and a repair application left open past their deadlines reach
 * level 1 the next day and level 2 three working days later (shared/seed/escalation.json); the job
 * writes one `escalate` event per level however often it runs; the dashboard counts them per
 * department, and a department sees only its own.
 */
describeEachDatabase('overdue cases and escalation', (get) => {
  let ndrc: RequestContext & { username: string };
  let court: RequestContext & { username: string };
  let admin: RequestContext & { username: string };
  let objectionId: string;
  let courtObjectionId: string;
  let applicationId: string;
  let objector: RequestContext & { username: string };
  let objectionPersonId: string;
  let repairPersonId: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    const db = get();
    at(db, '2026-11-30'); // a Monday
    ndrc = await actorContext(db, 'dept_reviewer', { orgCode: NDRC });
    court = await actorContext(db, 'dept_operator', { orgCode: COURT });
    admin = await actorContext(db, 'platform_admin');
    await importPenalties(db, await actorContext(db, 'dept_operator', { orgCode: NDRC }), [
      [...penaltyRow(301, { docNumber: '济发改罚〔2026〕301号' }), '一般'],
      [...penaltyRow(302, { docNumber: '济发改罚〔2026〕302号', decisionDate: '2026-08-03' }), '一般'],
    ]);
    await importPenalties(db, court, [[...penaltyRow(303, { docNumber: '济中法罚〔2026〕303号' }), '一般']]);
    const citizen = async (i: number) => {
      const personId = (await db.services.identity.resolvePersonId(personCode(i)))!;
      const recordId = (await db.services.records.subjectFacts({ personId }))[0]!.recordId;
      return { ctx: await actorContext(db, 'citizen', { personId }), personId, recordId };
    };
    const [own, applicant, courtObjector] = [await citizen(301), await citizen(302), await citizen(303)];
    objector = own.ctx;
    objectionPersonId = own.personId;
    repairPersonId = applicant.personId;
    // Art. 41: decided within 7 working days → Wednesday 2026-12-09.
    const filed = await db.services.objections.file(own.ctx, { target: { kind: 'record', id: own.recordId }, reasons: '罚款已缴清，记录有误' });
    expect(filed.dueOn).toBe('2026-12-09');
    objectionId = filed.id;
    courtObjectionId = (await db.services.objections.file(courtObjector.ctx, { target: { kind: 'record', id: courtObjector.recordId }, reasons: '决定已被撤销，请核实' })).id;
    // 国办发〔2025〕22号: the source department reviews within 3 working days → Thursday 2026-12-03.
    const applied = await db.services.repair.apply(applicant.ctx, { recordId: applicant.recordId, evidence: EVIDENCE });
    expect(applied).toMatchObject({ status: 'accepted', reviewDueOn: '2026-12-03' });
    applicationId = applied.id;
    app = await buildApp({ config: TEST_APP_CONFIG, services: db.services, logger: false });
  });
  afterAll(async () => {
    await app?.close();
  });

  const levels = (cases: Array<{ id: string; level: number; daysOverdue: number }>) => Object.fromEntries(cases.map((c) => [c.id, [c.level, c.daysOverdue]]));
  const escalateEvents = async (db: TestDb) => {
    const objectionEvents = await sql<{ level: number }>`select level from objection_events where objection_id = ${objectionId} and action = 'escalate' order by level`.execute(db.database.db);
    const repairEvents = await sql<{ level: number }>`select level from repair_events where application_id = ${applicationId} and kind = 'escalate' order by level`.execute(db.database.db);
    return { objection: objectionEvents.rows.map((r) => Number(r.level)), repair: repairEvents.rows.map((r) => Number(r.level)) };
  };

  it('a case is not overdue on its due date, at level 1 the day after, at level 2 three working days later', async () => {
    const db = get();
    const { objections, repair } = db.services;
    at(db, '2026-12-03');
    expect(await repair.overdue(admin)).toEqual([]);
    at(db, '2026-12-04');
    expect(await repair.overdue(admin)).toEqual([{ kind: 'repair', id: applicationId, departmentId: ndrc.actor!.departmentId, stage: 'accepted', dueOn: '2026-12-03', daysOverdue: 1, level: 1 }]);
    // Level 2 after 3 more working days: Fri 4, Mon 7, Tue 8 → from Wednesday 2026-12-09.
    at(db, '2026-12-08');
    expect(levels(await repair.overdue(admin))).toEqual({ [applicationId]: [1, 5] });
    at(db, '2026-12-09');
    expect(levels(await repair.overdue(admin))).toEqual({ [applicationId]: [2, 6] });
    expect(await objections.overdue(admin)).toEqual([]);

    at(db, '2026-12-10');
    expect(await objections.overdue(admin)).toEqual(
      expect.arrayContaining([{ kind: 'objection', id: objectionId, departmentId: ndrc.actor!.departmentId, stage: 'objection', dueOn: '2026-12-09', daysOverdue: 1, level: 1 }]),
    );
    // A department sees only the cases routed to it.
    expect((await objections.overdue(ndrc)).map((c) => c.id)).toEqual([objectionId]);
    expect((await objections.overdue(court)).map((c) => c.id)).toEqual([courtObjectionId]);
    expect(await repair.overdue(court)).toEqual([]);
    // 2026-12-09 + 3 working days = Monday 2026-12-14: level 2 from Tuesday.
    at(db, '2026-12-14');
    expect(levels(await objections.overdue(ndrc))).toEqual({ [objectionId]: [1, 5] });
    at(db, '2026-12-15');
    expect(levels(await objections.overdue(ndrc))).toEqual({ [objectionId]: [2, 6] });
  });

  it('the job writes one escalate event per level reached, with its access-log entry, and nothing more when run again', async () => {
    const db = get();
    const { objections, repair, audit } = db.services;
    at(db, '2026-12-10'); // objections at level 1, the repair application at level 2
    expect(await objections.escalateOverdue()).toBe(2);
    expect(await repair.escalateOverdue()).toBe(2);
    expect(await objections.escalateOverdue()).toBe(0);
    expect(await repair.escalateOverdue()).toBe(0);
    expect(await escalateEvents(db)).toEqual({ objection: [1], repair: [1, 2] });

    at(db, '2026-12-15'); // both objections reach level 2
    expect(await objections.escalateOverdue()).toBe(2);
    expect(await objections.escalateOverdue()).toBe(0);
    expect(await repair.escalateOverdue()).toBe(0);
    expect(await escalateEvents(db)).toEqual({ objection: [1, 2], repair: [1, 2] });

    // The applicant's history shows it; the access log records who was escalated, by the job.
    const [mine] = (await objections.listMine(objector)).items;
    expect(mine!.events.map((e) => e.action)).toEqual(['file', 'escalate', 'escalate']);
    expect(mine!.events[1]!.note).toContain('一级督办');
    expect(mine!.events[2]!.note).toContain('二级督办');
    const objectionLog = (await audit.listForSubject('person', objectionPersonId)).filter((e) => e.action === 'objections.escalate');
    expect(objectionLog.map((e) => e.data?.level).sort()).toEqual([1, 2]);
    const repairLog = (await audit.listForSubject('person', repairPersonId)).filter((e) => e.action === 'repair.escalate');
    expect(repairLog.map((e) => e.data?.level).sort()).toEqual([1, 2]);
    expect(repairLog[0]).toMatchObject({ actorUserId: null });

    // A decided case leaves the list.
    await objections.decide(ndrc, objectionId, { outcome: 'upheld', note: '经核实，维持原记录', version: mine!.version });
    expect(await objections.overdue(ndrc)).toEqual([]);
  });

  it('the dashboard API counts per department and level; a department user sees only its own; a citizen is refused', async () => {
    const db = get();
    at(db, '2026-12-15');
    const bearer = async (who: { username: string }) => ({ authorization: `Bearer ${await tokenWithTwoFactor(db, who.username, TEST_USER_PASSWORD)}` });
    const overdue = async (headers: Record<string, string>) => {
      const res = await app.inject({ method: 'GET', url: '/api/v1/overview/overdue', headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<OverdueOverview>();
    };

    const all = await overdue(await bearer(admin));
    expect(all.cases.map((c) => [c.kind, c.id, c.level])).toEqual([
      ['repair', applicationId, 2],
      ['objection', courtObjectionId, 2],
    ]);
    expect(all.cases[0]).toMatchObject({ departmentName: '市发展和改革委员会', dueOn: '2026-12-03', daysOverdue: 12, stage: 'accepted' });
    expect(all.departments.map((d) => [d.departmentId, d.level1, d.level2]).sort()).toEqual(
      [
        [ndrc.actor!.departmentId, 0, 1],
        [court.actor!.departmentId, 0, 1],
      ].sort(),
    );

    const ndrcView = await overdue(await bearer(ndrc));
    expect(ndrcView.cases.map((c) => c.id)).toEqual([applicationId]);
    expect(ndrcView.departments).toEqual([expect.objectContaining({ departmentId: ndrc.actor!.departmentId, level2: 1 })]);
    expect((await overdue(await bearer(court))).cases.map((c) => c.id)).toEqual([courtObjectionId]);

    expect((await app.inject({ method: 'GET', url: '/api/v1/overview/overdue', headers: await bearer(objector) })).statusCode).toBe(403);
  });

  it('a late review still closes the case; the grant is counted in its month', async () => {
    const db = get();
    const { repair } = db.services;
    at(db, '2026-12-15');
    const reviewed = await repair.review(ndrc, applicationId, { outcome: 'confirmed', note: '已缴纳罚款，承诺书属实', version: 1 });
    // The next step has its own deadline (Art. 43: 1 working day), not yet passed.
    expect(await repair.overdue(admin)).toEqual([]);
    await repair.decide(admin, applicationId, { outcome: 'grant', note: '符合修复条件', version: reviewed.version });
    const months = await repair.grantsByMonth();
    expect(months).toHaveLength(12);
    expect(months[0]).toEqual({ month: '2026-01', granted: 0 });
    expect(months.at(-1)).toEqual({ month: '2026-12', granted: 1 });
    const res = await app.inject({ method: 'GET', url: '/api/v1/repair/stats/grants', headers: { authorization: `Bearer ${await tokenWithTwoFactor(db, admin.username, TEST_USER_PASSWORD)}` } });
    expect(res.json<{ months: typeof months }>().months.at(-1)).toEqual({ month: '2026-12', granted: 1 });
  });
});
