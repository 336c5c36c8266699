import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, type TestDb } from '../../../test/helpers/db.ts';
import { actorContext, importPenalties, refusal } from '../../../test/helpers/domain.ts';
import type { RequestContext } from '../../shared/context.ts';
import { reportView } from '../queries/view.ts';
import { penaltyRow, personCode } from '../records/test-factories.ts';
import { ChallengesService } from './service.ts';

const NDRC = '114190011000000004'; // 市发展和改革委员会
const COURT = '11419001101029470Q'; // 济源中级人民法院
const PUBLIC: RequestContext = { actor: null, channel: 'http', requestId: 'req-public' };

const at = (db: TestDb, day: string) => db.clock.set(`${day}T10:00:00+08:00`);

describeEachDatabase('challenges', (get) => {
  let ndrc: { op: RequestContext; rev: RequestContext };
  let court: RequestContext;
  let admin: RequestContext;
  const citizens: RequestContext[] = [];
  const recordIds: string[] = [];

  beforeAll(async () => {
    const db = get();
    at(db, '2026-11-30');
    ndrc = { op: await actorContext(db, 'dept_operator', { orgCode: NDRC }), rev: await actorContext(db, 'dept_reviewer', { orgCode: NDRC }) };
    court = await actorContext(db, 'dept_operator', { orgCode: COURT });
    admin = await actorContext(db, 'platform_admin');
    // Ordinary penalties decided 2026-03-05, published for 12 months (to 2027-03-04).
    await importPenalties(db, ndrc.op, [
      [...penaltyRow(21, { docNumber: '济市监罚〔2026〕21号' }), '一般'],
      [...penaltyRow(22, { docNumber: '济市监罚〔2026〕22号' }), '一般'],
      [...penaltyRow(23, { docNumber: '济市监罚〔2026〕23号' }), '一般'],
    ]);
    for (const i of [21, 22, 23]) {
      const personId = (await db.services.identity.resolvePersonId(personCode(i)))!;
      citizens.push(await actorContext(db, 'citizen', { personId }));
      recordIds.push((await db.services.records.subjectFacts({ personId }))[0]!.recordId);
    }
  });

  const reportLine = async (db: TestDb, citizen: RequestContext, type: 'personal' | 'shared' = 'personal') => {
    const report = await db.services.reports.issue(citizen, citizen.actor!.personId!, 'self', { type, format: 'html' });
    return { report, line: Object.values(report.content.records).flat().find((r) => r.itemCode === 'XZCF') ?? null };
  };
  const publicDocuments = async (db: TestDb, i: number) => (await db.services.disclosure.search(PUBLIC, personCode(i))).items.flatMap((r) => r.decision.documentNumbers);

  it('a reconsideration marks the record and the person’s report at once; revoked withdraws it from public search and keeps every step', async () => {
    const db = get();
    const { challenges } = db.services;
    expect(await publicDocuments(db, 21)).toEqual(['济市监罚〔2026〕21号']);

    const recorded = await challenges.record(ndrc.op, recordIds[0]!, { kind: 'reconsideration', caseNumber: ' 济政复〔2026〕15号 ', handledBy: '济源市人民政府', filedOn: '2026-04-20' });
    expect(recorded).toMatchObject({ status: 'pending', kind: 'reconsideration', caseNumber: '济政复〔2026〕15号', recordId: recordIds[0], version: 1, disclosureSuspended: false, followUp: null });
    // Marked, still published (复议期间不停止执行: the seed's default), on the record and in the person's report.
    expect(await challenges.marksOnRecords(recordIds)).toEqual(new Map([[recordIds[0]!, 'reconsideration_pending']]));
    expect(await publicDocuments(db, 21)).toEqual(['济市监罚〔2026〕21号']);
    const pending = await reportLine(db, citizens[0]!);
    expect(pending.line).toMatchObject({ sourceRecordId: '济市监罚〔2026〕21号', status: 'reconsideration_pending' });
    expect((await db.services.reports.render(pending.report, 'html')).body.toString('utf8')).toContain('行政复议中');
    // The PDF is drawn from the same view as the HTML.
    expect(JSON.stringify(reportView(pending.report))).toContain('[行政复议中]');
    expect((await challenges.listMine(citizens[0]!)).items.map((c) => c.id)).toEqual([recorded.id]);
    expect((await challenges.listMine(citizens[1]!)).items).toEqual([]);

    const concluded = await challenges.conclude(ndrc.rev, recorded.id, { outcome: 'revoked', concludedOn: '2026-06-18', note: '济政复决〔2026〕15号：撤销原处罚决定', version: 1 });
    expect(concluded).toMatchObject({ status: 'concluded', outcome: 'revoked', concludedOn: '2026-06-18', withdrawnFromDisclosure: true, followUp: 'revoke_record', version: 2 });
    // Art. 42: off the portal at once; the record itself stays until its department revokes it (objections).
    expect(await publicDocuments(db, 21)).toEqual([]);
    expect(await db.services.disclosure.isWithdrawn({ kind: 'record', id: recordIds[0]! })).toBe('revocation');
    expect((await db.services.records.recordFact(recordIds[0]!))!.currentVersion).toBe(1);
    expect((await reportLine(db, citizens[0]!)).line).toMatchObject({ status: 'decision_revoked' });
    expect((await reportLine(db, citizens[0]!, 'shared')).line).toBeNull();

    const [history] = (await challenges.listForRecord(ndrc.op, recordIds[0]!)).items;
    expect(history!.events.map((e) => [e.action, e.note])).toEqual([
      ['record', '行政复议 济政复〔2026〕15号（济源市人民政府，2026-04-20）'],
      ['conclude', '撤销（2026-06-18）：济政复决〔2026〕15号：撤销原处罚决定'],
    ]);
    const log = await db.services.audit.listForSubject('person', citizens[0]!.actor!.personId!);
    expect(log.map((e) => e.action)).toEqual(expect.arrayContaining(['challenges.record', 'challenges.conclude', 'challenges.read', 'challenges.own_read']));
  });

  it('refuses located bad input, another department’s record (404), a second pending challenge and a second conclusion (409)', async () => {
    const db = get();
    const { challenges } = db.services;
    const recordId = recordIds[1]!;
    const body = { kind: 'litigation' as const, caseNumber: '(2026)豫9001行初8号', handledBy: '济源市人民法院', filedOn: '2026-05-06' };
    expect(await refusal(challenges.record(court, recordId, body))).toMatchObject({ code: 'challenges.record_not_found', status: 404 });
    expect(await refusal(challenges.record(ndrc.op, 'no-such-record', body))).toMatchObject({ code: 'challenges.record_not_found', status: 404 });
    expect(await refusal(challenges.record(ndrc.op, recordId, { ...body, caseNumber: '  ' }))).toMatchObject({ code: 'challenges.case_number_required', status: 400, facts: { field: 'caseNumber' } });
    expect(await refusal(challenges.record(ndrc.op, recordId, { ...body, filedOn: '2026-02-30' }))).toMatchObject({ code: 'challenges.date_invalid', facts: { field: 'filedOn' } });
    expect(await refusal(challenges.record(ndrc.op, recordId, { ...body, filedOn: '2026-12-01' }))).toMatchObject({ code: 'challenges.date_in_future', facts: { field: 'filedOn' } });
    expect(await refusal(challenges.record(ndrc.op, recordId, { ...body, filedOn: '2026-03-04' }))).toMatchObject({ code: 'challenges.filed_before_decision', facts: { field: 'filedOn', decisionDate: '2026-03-05' } });

    // The platform records on any department's record.
    const recorded = await challenges.record(admin, recordId, body);
    expect(recorded).toMatchObject({ kind: 'litigation', departmentId: ndrc.op.actor!.departmentId });
    expect((await reportLine(db, citizens[1]!)).line).toMatchObject({ status: 'litigation_pending' });
    expect(await refusal(challenges.record(ndrc.op, recordId, { ...body, kind: 'reconsideration', caseNumber: '济政复〔2026〕16号' }))).toMatchObject({ code: 'challenges.already_pending', status: 409 });
    expect((await challenges.queue(court, { status: 'pending' })).items).toEqual([]);
    expect((await challenges.queue(ndrc.rev, { status: 'pending' })).items.map((c) => c.id)).toEqual([recorded.id]);
    expect(await refusal(challenges.conclude(court, recorded.id, { outcome: 'upheld', concludedOn: '2026-09-01', note: '维持', version: 1 }))).toMatchObject({ code: 'challenges.not_found', status: 404 });
    expect(await refusal(challenges.conclude(ndrc.rev, recorded.id, { outcome: 'upheld', concludedOn: '2026-05-05', note: '维持', version: 1 }))).toMatchObject({ code: 'challenges.concluded_before_filed', status: 400, facts: { field: 'concludedOn', filedOn: '2026-05-06' } });
    expect(await refusal(challenges.conclude(ndrc.rev, recorded.id, { outcome: 'upheld', concludedOn: '2026-09-01', note: '维持', version: 3 }))).toMatchObject({ code: 'challenges.changed', status: 409 });

    const upheld = await challenges.conclude(ndrc.rev, recorded.id, { outcome: 'upheld', concludedOn: '2026-09-01', note: '(2026)豫9001行初8号判决：驳回诉讼请求', version: 1 });
    expect(upheld).toMatchObject({ outcome: 'upheld', withdrawnFromDisclosure: false, followUp: null });
    expect(await refusal(challenges.conclude(ndrc.rev, recorded.id, { outcome: 'revoked', concludedOn: '2026-09-02', note: '再次', version: upheld.version }))).toMatchObject({ code: 'challenges.already_concluded', status: 409 });
    // Upheld: the mark goes, the record stays published (Art. 20(二): now final).
    expect((await reportLine(db, citizens[1]!)).line).toMatchObject({ status: null });
    expect(await publicDocuments(db, 22)).toEqual(['济市监罚〔2026〕22号']);
    // A new challenge may follow the concluded one (e.g. litigation after reconsideration).
    const appeal = await challenges.record(ndrc.op, recordId, { ...body, caseNumber: '(2026)豫90行终3号', filedOn: '2026-09-10' });
    expect(appeal.status).toBe('pending');

    // Two conclusions at once: one wins, and a losing revocation leaves nothing withdrawn behind it.
    const settled = await Promise.allSettled([
      challenges.conclude(ndrc.op, appeal.id, { outcome: 'upheld', concludedOn: '2026-11-02', note: '二审维持', version: 1 }),
      challenges.conclude(ndrc.rev, appeal.id, { outcome: 'revoked', concludedOn: '2026-11-02', note: '二审撤销', version: 1 }),
    ]);
    expect(settled.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const winner = (await challenges.listForRecord(ndrc.op, recordId)).items.find((c) => c.id === appeal.id)!;
    expect(await db.services.disclosure.isWithdrawn({ kind: 'record', id: recordId })).toBe(winner.outcome === 'revoked' ? 'revocation' : null);
  });

  it('where the rules say so, a pending challenge suspends disclosure until it is concluded; changed asks for a correction', async () => {
    const db = get();
    const rules = { markWhilePending: true, suspendDisclosureWhilePending: true, withdrawOnRevocation: true };
    const { records, disclosure, accounts } = db.services;
    const challenges = new ChallengesService(db.database.db, db.clock, db.services.audit, { records, disclosure, accounts, rules });
    const recorded = await challenges.record(ndrc.op, recordIds[2]!, { kind: 'reconsideration', caseNumber: '济政复〔2026〕30号', handledBy: '济源市人民政府', filedOn: '2026-04-01' });
    expect(recorded.disclosureSuspended).toBe(true);
    expect(await publicDocuments(db, 23)).toEqual([]);
    const changed = await challenges.conclude(ndrc.op, recorded.id, { outcome: 'changed', concludedOn: '2026-05-20', note: '变更罚款数额为二千元', version: 1 });
    expect(changed).toMatchObject({ outcome: 'changed', disclosureSuspended: false, withdrawnFromDisclosure: false, followUp: 'correct_record' });
    expect(await publicDocuments(db, 23)).toEqual(['济市监罚〔2026〕23号']);
  });
});
