import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, type TestDb } from '../../../test/helpers/db.ts';
import { actorContext, importPenalties, refusal } from '../../../test/helpers/domain.ts';
import type { RequestContext } from '../../shared/context.ts';
import { makeCitizenCode } from '../identity/index.ts';
import { addDays } from '../lists/rules.ts';
import { penaltyRow, personCode } from '../records/test-factories.ts';
import type { RepairEvidence } from './schema.ts';

const COURT = '11419001101029470Q';
const PUBLIC: RequestContext = { actor: null, channel: 'http', requestId: 'req-public' };
/** Born 2010-05-01: 15 at the act on 2026-03-05. */
const MINOR_CODE = makeCitizenCode('419001', '2010-05-01', 11);
const FULL: RepairEvidence = { obligationsPerformed: true, obligationsProof: '罚款已缴纳，缴款书 0001', commitmentLetter: true, creditTraining: false, volunteerHours: 8, donationFen: 0 };

const at = (db: TestDb, day: string) => db.clock.set(`${day}T10:00:00+08:00`);

describeEachDatabase('credit repair', (get) => {
  let court: { op: RequestContext; rev: RequestContext };
  let admin: RequestContext;
  const citizens = new Map<string, RequestContext>();
  let seriousEntryId: string;

  async function citizen(db: TestDb, code: string): Promise<{ ctx: RequestContext; personId: string; recordIds: string[] }> {
    const personId = (await db.services.identity.resolvePersonId(code))!;
    if (!citizens.has(code)) citizens.set(code, await actorContext(db, 'citizen', { personId }));
    const recordIds = (await db.services.records.subjectFacts({ personId })).map((f) => f.recordId);
    return { ctx: citizens.get(code)!, personId, recordIds };
  }
  const shown = async (db: TestDb, code: string) => (await db.services.disclosure.search(PUBLIC, code)).items.map((i) => i.kind).sort();
  const punished = async (db: TestDb, code: string) => (await db.services.sanctions.check(court.op, { subject: code, scenario: 'administrative_licensing' })).hits.map((h) => h.measure.code).includes('GF33_KEY_REVIEW');

  beforeAll(async () => {
    const db = get();
    at(db, '2026-03-10');
    court = { op: await actorContext(db, 'dept_operator', { orgCode: COURT }), rev: await actorContext(db, 'dept_reviewer', { orgCode: COURT }) };
    admin = await actorContext(db, 'platform_admin');
    await importPenalties(db, court.op, [
      [...penaltyRow(101, { docNumber: '济罚〔2026〕101号', decisionDate: '2026-03-05' }), '一般'],
      [...penaltyRow(102, { docNumber: '济罚〔2026〕102号', decisionDate: '2026-03-05' }), '严重'],
      [...penaltyRow(103, { docNumber: '济罚〔2026〕103号', decisionDate: '2026-03-05' }), '一般'],
      [...penaltyRow(104, { code: MINOR_CODE, docNumber: '济罚〔2026〕104号', decisionDate: '2026-03-05' }), '一般'],
      [...penaltyRow(105, { code: MINOR_CODE, docNumber: '济罚〔2026〕105号', decisionDate: '2026-03-05' }), '轻微'],
    ]);
    // The serious record puts its subject on the serious-dishonesty list.
    const { recordIds } = await citizen(db, personCode(102));
    const proposed = await db.services.lists.propose(court.op, {
      list: 'serious_dishonesty',
      subjectCode: personCode(102),
      category: 'fair_competition',
      recordIds,
      basis: '《企业信息公示暂行条例》第十八条',
      reason: '隐瞒真实情况、弄虚作假',
      measures: '限制参加政府采购',
    });
    at(db, addDays(proposed.entry.defenceUntil!, 1));
    seriousEntryId = (await db.services.lists.decide(court.rev, proposed.entry.id, { outcome: 'list', note: '期满无申辩', version: 1 })).entry.id;
  });

  it('ordinary record: an early application is refused with the reason; at 3 months it is accepted, reviewed within 3 working days, granted; disclosure and measures stop', async () => {
    const db = get();
    const { repair } = db.services;
    const { ctx, recordIds } = await citizen(db, personCode(101));
    const recordId = recordIds[0]!;

    at(db, '2026-06-04');
    const early = await repair.apply(ctx, { recordId, evidence: FULL });
    expect(early).toMatchObject({ status: 'refused', reasons: [{ code: 'repair.too_early', note: '2026-06-05' }], decidedOn: '2026-06-04' });

    at(db, '2026-06-05');
    expect(await shown(db, personCode(101))).toEqual(['record']);
    expect(await punished(db, personCode(101))).toBe(true);
    const check = await repair.check(ctx, { recordId, evidence: { ...FULL, commitmentLetter: false } });
    expect(check.checklist.filter((c) => !c.met)).toEqual([expect.objectContaining({ condition: 'commitment_letter', field: 'evidence.commitmentLetter' })]);

    const applied = await repair.apply(ctx, { recordId, evidence: FULL });
    // 2026-06-05 is a Friday: 3 working days → Wednesday 2026-06-10; 10 skip 端午 (Friday 2026-06-19) → Monday 2026-06-22.
    expect(applied).toMatchObject({ status: 'accepted', appliedOn: '2026-06-05', reviewDueOn: '2026-06-10', feedbackDueOn: '2026-06-22' });
    expect(await refusal(repair.apply(ctx, { recordId, evidence: FULL }))).toMatchObject({ code: 'repair.already_applied', status: 409 });
    expect((await repair.listOpen(court.rev, 'department')).map((a) => a.id)).toContain(applied.id);
    // The platform decides only after the source department's review.
    expect(await refusal(repair.decide(admin, applied.id, { outcome: 'grant', note: '准予', version: 1 }))).toMatchObject({ code: 'repair.state', status: 409 });

    at(db, '2026-06-08');
    const reviewed = await repair.review(court.rev, applied.id, { outcome: 'confirmed', note: '已缴纳罚款，承诺书属实', version: 1 });
    // 《河南省社会信用条例》Art. 43: repaired within 1 working day once the conditions are met.
    expect(reviewed).toMatchObject({ status: 'reviewed', reviewedOn: '2026-06-08', decisionDueOn: '2026-06-09' });
    const granted = await repair.decide(admin, applied.id, { outcome: 'grant', note: '符合修复条件，准予修复', version: 2 });
    expect(granted).toMatchObject({ status: 'granted', decidedOn: '2026-06-08', reasons: [{ code: 'repair.granted' }] });

    expect(await shown(db, personCode(101))).toEqual([]);
    expect(await punished(db, personCode(101))).toBe(false);
    // The person's own report keeps the record, marked 已修复; its HTML says so.
    const report = await db.services.reports.issue(ctx, ctx.actor!.personId!, 'self', { type: 'personal', format: 'html' });
    expect(report.content.records.bad.map((r) => r.status)).toEqual(['repaired']);
    expect((await db.services.reports.render(report, 'html')).body.toString('utf8')).toContain('已修复');
    // History keeps both applications; the record itself is untouched.
    expect((await repair.listOwn(ctx)).map((a) => a.status).sort()).toEqual(['granted', 'refused']);
    expect((await db.services.records.subjectFacts({ personId: (await citizen(db, personCode(101))).personId })).map((f) => f.recordId)).toEqual([recordId]);
    expect(await repair.stats()).toMatchObject({ byStatus: expect.objectContaining({ granted: expect.any(Number), refused: expect.any(Number) }) });
  });

  it('serious record: refused before 1 year; granted after it — the list entry resting on it is removed for repair', async () => {
    const db = get();
    const { repair, lists } = db.services;
    const { ctx, personId, recordIds } = await citizen(db, personCode(102));
    at(db, '2027-03-04');
    expect(await repair.apply(ctx, { recordId: recordIds[0]!, evidence: FULL })).toMatchObject({ status: 'refused', reasons: [{ code: 'repair.too_early', note: '2027-03-05' }] });
    expect(await shown(db, personCode(102))).toEqual(['record', 'serious_dishonesty']);

    at(db, '2027-03-05');
    const applied = await repair.apply(ctx, { recordId: recordIds[0]!, evidence: FULL });
    expect(applied.status).toBe('accepted');
    // Another department's reviewer does not see it.
    const other = await actorContext(db, 'dept_reviewer', { orgCode: '114190011000000004' });
    expect(await refusal(repair.review(other, applied.id, { outcome: 'confirmed', note: '核实', version: 1 }))).toMatchObject({ code: 'repair.application_not_found', status: 404 });
    await repair.review(court.rev, applied.id, { outcome: 'confirmed', note: '已整改', version: 1 });
    await repair.decide(admin, applied.id, { outcome: 'grant', note: '准予修复', version: 2 });

    expect((await lists.standingOf({ type: 'person', id: personId })).entries).toEqual([]);
    expect((await lists.getEntry(admin, seriousEntryId)).entry).toMatchObject({ status: 'removed', removalReason: 'repair' });
    expect(await shown(db, personCode(102))).toEqual([]);
    expect(await punished(db, personCode(102))).toBe(false);
  });

  it('false material found by the department refuses the application with the reason', async () => {
    const db = get();
    const { repair } = db.services;
    const { ctx, recordIds } = await citizen(db, MINOR_CODE);
    at(db, '2026-03-20');
    const ordinary = (await db.services.records.subjectFacts({ personId: (await citizen(db, MINOR_CODE)).personId })).find((f) => f.severity === 'ordinary')!;
    expect(recordIds).toContain(ordinary.recordId);
    // A minor at the act: an ordinary record may be applied for at once after correction.
    const applied = await repair.apply(ctx, { recordId: ordinary.recordId, evidence: FULL });
    expect(applied).toMatchObject({ status: 'accepted', minorAtAct: true });
    const refused = await repair.review(court.rev, applied.id, { outcome: 'false_material', note: '缴款凭证系伪造', version: 1 });
    expect(refused).toMatchObject({ status: 'refused', reasons: [{ code: 'repair.false_material', note: '缴款凭证系伪造' }] });
  });

  it("a minor's minor dishonesty ends at correction: granted at once, no commitment asked", async () => {
    const db = get();
    const { repair } = db.services;
    const { ctx, personId } = await citizen(db, MINOR_CODE);
    at(db, '2026-03-20');
    const minor = (await db.services.records.subjectFacts({ personId })).find((f) => f.severity === 'minor')!;
    const granted = await repair.apply(ctx, { recordId: minor.recordId, evidence: { ...FULL, commitmentLetter: false } });
    expect(granted).toMatchObject({ status: 'granted', minorAtAct: true, reasons: [{ code: 'repair.minor_ends_at_correction' }] });
    expect(await repair.repairedAmong([minor.recordId])).toEqual(new Set([minor.recordId]));
  });

  it('publication ends automatically at the maximum period; an application after it is refused as ended', async () => {
    const db = get();
    const { ctx, recordIds } = await citizen(db, personCode(103));
    at(db, '2027-03-04');
    expect(await shown(db, personCode(103))).toEqual(['record']);
    expect(await punished(db, personCode(103))).toBe(true);
    at(db, '2027-03-05');
    expect(await shown(db, personCode(103))).toEqual([]);
    expect(await punished(db, personCode(103))).toBe(false);
    expect(await db.services.repair.apply(ctx, { recordId: recordIds[0]!, evidence: FULL })).toMatchObject({ status: 'refused', reasons: [{ code: 'repair.publication_ended' }] });
  });

  it("another person's record answers like a missing one; nothing is written", async () => {
    const db = get();
    const { ctx } = await citizen(db, personCode(103));
    const { recordIds } = await citizen(db, personCode(101));
    expect(await refusal(db.services.repair.apply(ctx, { recordId: recordIds[0]!, evidence: FULL }))).toMatchObject({ code: 'repair.record_not_found', status: 404 });
    expect((await db.services.repair.listOwn(ctx)).every((a) => a.recordId !== recordIds[0])).toBe(true);
  });
  it('the same record applied for twice at the same moment (a double click): one application, the other 409', async () => {
    const db = get();
    at(db, '2026-03-20');
    await importPenalties(db, court.op, [[...penaltyRow(106, { docNumber: '济罚〔2026〕106号', decisionDate: '2026-03-05' }), '一般']]);
    at(db, '2026-06-08');
    const { ctx, recordIds } = await citizen(db, personCode(106));
    const results = await Promise.allSettled([0, 1].map(() => db.services.repair.apply(ctx, { recordId: recordIds[0]!, evidence: FULL })));
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(await refusal(Promise.reject(lost.reason))).toMatchObject({ code: 'repair.already_applied', status: 409 });
    expect(await db.services.repair.listOwn(ctx)).toHaveLength(1);
  });
});
