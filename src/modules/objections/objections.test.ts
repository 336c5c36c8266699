import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, type TestDb } from '../../../test/helpers/db.ts';
import { actorContext, importPenalties, listJudgmentDebtor, refusal } from '../../../test/helpers/domain.ts';
import type { RequestContext } from '../../shared/context.ts';
import { penaltyRow, personCode } from '../records/test-factories.ts';

const NDRC = '114190011000000004'; // 市发展和改革委员会
const COURT = '11419001101029470Q'; // 济源中级人民法院

const at = (db: TestDb, day: string) => db.clock.set(`${day}T10:00:00+08:00`);

describeEachDatabase('objections', (get) => {
  let ndrc: { op: RequestContext; rev: RequestContext; departmentId: string };
  let court: RequestContext;
  let admin: RequestContext;
  const citizens: RequestContext[] = [];
  const recordIds: string[] = [];

  beforeAll(async () => {
    const db = get();
    at(db, '2026-11-30');
    const op = await actorContext(db, 'dept_operator', { orgCode: NDRC });
    ndrc = { op, rev: await actorContext(db, 'dept_reviewer', { orgCode: NDRC }), departmentId: op.actor!.departmentId! };
    court = await actorContext(db, 'dept_operator', { orgCode: COURT });
    admin = await actorContext(db, 'platform_admin');
    await importPenalties(db, ndrc.op, [
      [...penaltyRow(1, { docNumber: '济市监罚〔2026〕1号', fact: '第 1 号案件，逾期未公示年报' }), '一般'],
      [...penaltyRow(2, { docNumber: '济市监罚〔2026〕2号', fact: '第 2 号案件，罚款五万元' }), '一般'],
    ]);
    for (const i of [1, 2]) {
      const personId = (await db.services.identity.resolvePersonId(personCode(i)))!;
      citizens.push(await actorContext(db, 'citizen', { personId }));
      recordIds.push((await db.services.records.subjectFacts({ personId }))[0]!.recordId);
    }
  });

  /** The court's reviewer and a listed judgment debtor `i` (test/helpers/domain.ts). */
  async function listedDebtor(db: TestDb, i: number, name: string) {
    const courtRev = await actorContext(db, 'dept_reviewer', { orgCode: COURT });
    return { courtRev, ...(await listJudgmentDebtor(db, { op: court, rev: courtRev }, i, name)) };
  }

  it('an objection is routed to the source department, marked and withdrawn from disclosure at once, and upheld with reasons', async () => {
    const db = get();
    const { objections, disclosure } = db.services;
    at(db, '2026-11-30'); // a Monday
    const target = { kind: 'record' as const, id: recordIds[0]! };
    const filed = await objections.file(citizens[0]!, { target, reasons: '该处罚已于次日补报年报，事实认定有误' });
    // Art. 41: the source department must verify → 7 working days, its answer within 3.
    expect(filed).toMatchObject({ kind: 'objection', status: 'pending', departmentId: ndrc.departmentId, filedOn: '2026-11-30', providerDueOn: '2026-12-03', dueOn: '2026-12-09', overdue: false, disclosureSuspended: true });
    expect(await disclosure.isWithdrawn(target)).toBe('objection');
    expect([...(await objections.pendingAmong([target, { kind: 'record', id: recordIds[1]! }]))]).toEqual([`record:${recordIds[0]}`]);
    // The person's report marks the record 异议处理中 at once (Art. 41), in its signed content and on the page.
    const marks = async () => {
      const report = await db.services.reports.issue(citizens[0]!, citizens[0]!.actor!.personId!, 'self', { type: 'personal', format: 'html' });
      return Object.values(report.content.records).flat().map((r) => [r.sourceRecordId, r.status]);
    };
    expect((await marks()).filter(([, status]) => status !== null)).toHaveLength(1);
    expect((await marks()).find(([, status]) => status !== null)![1]).toBe('objection_pending');

    // Someone else's record answers like a missing one; a second objection waits for the first.
    expect(await refusal(objections.file(citizens[1]!, { target, reasons: '不是我的记录也想异议' }))).toMatchObject({ code: 'objections.target_not_found', status: 404 });
    expect(await refusal(objections.file(citizens[0]!, { target, reasons: '再次提出同一异议' }))).toMatchObject({ code: 'objections.already_pending', status: 409 });
    expect(await refusal(objections.file(citizens[0]!, { target: { kind: 'record', id: recordIds[0]! }, reasons: ' 错 ' }))).toMatchObject({ code: 'objections.reasons_too_short', status: 400 });

    // Only the source department sees and decides it.
    expect((await objections.queue(ndrc.rev)).items.map((o) => o.id)).toEqual([filed.id]);
    expect((await objections.queue(court)).items).toEqual([]);
    expect(await refusal(objections.decide(court, filed.id, { outcome: 'upheld', note: '维持', version: 1 }))).toMatchObject({ code: 'objections.not_found', status: 404 });

    at(db, '2026-12-02');
    const decided = await objections.decide(ndrc.rev, filed.id, { outcome: 'upheld', note: '经核实，年报逾期事实清楚，维持原记录', version: filed.version });
    expect(decided).toMatchObject({ status: 'decided', outcome: 'upheld', decidedOn: '2026-12-02', disclosureSuspended: false, correctedVersion: null });
    expect(await disclosure.isWithdrawn(target)).toBeNull();
    expect((await objections.pendingAmong([target])).size).toBe(0);
    expect((await marks()).every(([, status]) => status === null)).toBe(true);
    expect(await refusal(objections.decide(ndrc.rev, filed.id, { outcome: 'revoked', note: '改判', version: decided.version }))).toMatchObject({ code: 'objections.already_decided', status: 409 });
    const [mine] = (await objections.listMine(citizens[0]!)).items;
    expect(mine!.events.map((e) => [e.action, e.note])).toEqual([
      ['file', '该处罚已于次日补报年报，事实认定有误'],
      ['decide', 'upheld：经核实，年报逾期事实清楚，维持原记录'],
    ]);
    expect((await db.services.records.subjectFacts({ personId: citizens[0]!.actor!.personId! }))[0]!.currentVersion).toBe(1);
  });

  it('a corrected objection writes a new record version, keeps the original and counts against the department that recorded it', async () => {
    const db = get();
    const { objections, records } = db.services;
    at(db, '2026-12-07');
    const target = { kind: 'record' as const, id: recordIds[1]! };
    const filed = await objections.file(citizens[1]!, { target, reasons: '罚款金额应为五千元，不是五万元' });
    const before = await records.getRecord(ndrc.op, target.id);
    const factField = Object.entries(before.versions[0]!.fields).find(([, v]) => v === '第 2 号案件，罚款五万元')![0];

    expect(await refusal(objections.decide(ndrc.rev, filed.id, { outcome: 'corrected', note: '更正', version: 1 }))).toMatchObject({ code: 'objections.changes_required', status: 400 });
    expect(await refusal(objections.decide(ndrc.rev, filed.id, { outcome: 'corrected', note: '更正', changes: { 不存在的字段: 'x' }, version: 1 }))).toMatchObject({ code: 'records.unknown_field', status: 400 });
    const decided = await objections.decide(ndrc.rev, filed.id, { outcome: 'corrected', note: '核实后更正罚款金额', changes: { [factField]: '第 2 号案件，罚款五千元' }, version: 1 });
    expect(decided).toMatchObject({ outcome: 'corrected', correctedVersion: 2, wrongVersion: 1, wrongDepartmentId: ndrc.departmentId });

    const after = await records.getRecord(ndrc.op, target.id);
    expect(after.record.currentVersion).toBe(2);
    expect(after.versions.map((v) => [v.version, v.fields[factField]])).toEqual([
      [1, '第 2 号案件，罚款五万元'],
      [2, '第 2 号案件，罚款五千元'],
    ]);
    expect(after.versions[1]!.recordedBy).toBe(ndrc.rev.actor!.userId);
    const log = await db.services.audit.listForSubject('person', citizens[1]!.actor!.personId!);
    expect(log.find((e) => e.action === 'records.correct')).toMatchObject({ actorUserId: ndrc.rev.actor!.userId, data: expect.objectContaining({ fromVersion: 1, version: 2 }) });

    const stats = (await objections.stats()).departments.find((d) => d.departmentId === ndrc.departmentId);
    expect(stats).toMatchObject({ received: 2, pending: 0, upheld: 1, corrected: 1, revoked: 0, errors: 1 });
  });

  it('a case not decided by its working-day deadline is overdue (holidays skipped); a department opens a correction on its own', async () => {
    const db = get();
    const { objections } = db.services;
    at(db, '2026-12-28'); // Monday; 2027-01-01 is a holiday, then a weekend
    const filed = await objections.file(citizens[0]!, { target: { kind: 'record', id: recordIds[0]! }, reasons: '补充新证据：年报已按期提交' });
    expect(filed).toMatchObject({ providerDueOn: '2026-12-31', dueOn: '2027-01-07' });
    const opened = await objections.open(ndrc.op, { target: { kind: 'record', id: recordIds[1]! }, reasons: '内部核查发现决定日期录入错误' });
    expect(opened).toMatchObject({ kind: 'correction', dueOn: '2026-12-31', departmentId: ndrc.departmentId });
    expect(await refusal(objections.open(court, { target: { kind: 'record', id: recordIds[1]! }, reasons: '不是本部门的记录' }))).toMatchObject({ code: 'objections.target_not_found' });

    at(db, '2027-01-07');
    expect((await objections.get(ndrc.rev, filed.id)).overdue).toBe(false);
    at(db, '2027-01-08');
    const queue = (await objections.queue(ndrc.rev, { status: 'pending' })).items;
    expect(queue.map((o) => [o.id, o.overdue])).toEqual([
      [opened.id, true],
      [filed.id, true],
    ]);
    expect((await objections.stats()).departments.find((d) => d.departmentId === ndrc.departmentId)).toMatchObject({ pending: 2, overdue: 2 });
    // The platform sees every department's cases.
    expect((await objections.queue(admin, { status: 'pending' })).items).toHaveLength(2);
  });

  it('a revoked listing leaves its list and stays withdrawn; the listing department is counted (Art. 42)', async () => {
    const db = get();
    const { objections, lists, disclosure } = db.services;
    at(db, '2026-11-30');
    const { courtRev, personId, listed } = await listedDebtor(db, 3, '赵三');
    const target = { kind: 'entry' as const, id: listed.entry.id };
    const citizen = await actorContext(db, 'citizen', { personId });
    const filed = await objections.file(citizen, { target, reasons: '执行依据已被再审撤销，附再审判决书' });
    expect(filed).toMatchObject({ departmentId: courtRev.actor!.departmentId, disclosureSuspended: true });
    expect(await disclosure.isWithdrawn(target)).toBe('objection');
    expect(await refusal(objections.decide(courtRev, filed.id, { outcome: 'corrected', note: '更正', changes: { a: 'b' }, version: 1 }))).toMatchObject({ code: 'objections.correction_needs_record' });

    const decided = await objections.decide(courtRev, filed.id, { outcome: 'revoked', note: '执行依据已撤销，移出名单', version: 1 });
    expect(decided).toMatchObject({ outcome: 'revoked', wrongDepartmentId: courtRev.actor!.departmentId });
    expect((await lists.getMine(citizen, target.id)).entry).toMatchObject({ status: 'removed' });
    expect(await lists.publicEntries({ subject: { type: 'person', id: personId } })).toEqual([]);
    expect((await objections.stats()).departments.find((d) => d.departmentId === courtRev.actor!.departmentId)).toMatchObject({ revoked: 1, errors: 1 });
  });

  it('a revoked record is withdrawn for good and the entries resting on it leave their lists; the upstream is owed the revocation', async () => {
    const db = get();
    const { objections, lists, disclosure } = db.services;
    at(db, '2026-11-30');
    const { courtRev, personId, recordId, listed } = await listedDebtor(db, 4, '钱四');
    const citizen = await actorContext(db, 'citizen', { personId });
    const target = { kind: 'record' as const, id: recordId };
    const filed = await objections.file(citizen, { target, reasons: '执行依据已被再审判决撤销，附再审判决书' });
    await objections.decide(courtRev, filed.id, { outcome: 'revoked', note: '执行依据已撤销', version: filed.version });
    expect(await disclosure.isWithdrawn(target)).toBe('correction');
    expect((await lists.getMine(citizen, listed.entry.id)).entry).toMatchObject({ status: 'removed', removalReason: 'revocation' });
    expect((await lists.standingOf({ type: 'person', id: personId })).entries).toEqual([]);
    const owed = (await db.services.exchange.list(admin, {})).items.filter((c) => c.basis === `objection:${filed.id}`);
    expect(owed.map((c) => [c.kind, c.target.id])).toEqual([['record_revoked', recordId]]);
  });
  it('the same record objected to twice at the same moment (a double click): one case, one suspension, the other 409', async () => {
    const db = get();
    const { objections, disclosure } = db.services;
    at(db, '2026-12-14');
    await importPenalties(db, ndrc.op, [[...penaltyRow(6, { docNumber: '济市监罚〔2026〕6号', fact: '第 6 号案件' }), '一般']]);
    const personId = (await db.services.identity.resolvePersonId(personCode(6)))!;
    const citizen = await actorContext(db, 'citizen', { personId });
    const target = { kind: 'record' as const, id: (await db.services.records.subjectFacts({ personId }))[0]!.recordId };
    const results = await Promise.allSettled([0, 1].map(() => objections.file(citizen, { target, reasons: '处罚对象认定错误，我并非当事人' })));
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(await refusal(Promise.reject(lost.reason))).toMatchObject({ code: 'objections.already_pending', status: 409 });
    expect((await objections.listMine(citizen)).items).toHaveLength(1);
    expect((await disclosure.suspensionsOf(target)).filter((x) => x.liftedOn === null)).toHaveLength(1);
  });
});
