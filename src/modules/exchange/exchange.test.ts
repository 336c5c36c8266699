import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, type TestDb } from '../../../test/helpers/db.ts';
import { runCli } from '../../../test/helpers/cli.ts';
import { actorContext, importPenalties, refusal } from '../../../test/helpers/domain.ts';
import type { RequestContext } from '../../shared/context.ts';
import { penaltyRow, personCode } from '../records/test-factories.ts';
import type { RepairEvidence } from '../repair/index.ts';

const COURT = '11419001101029470Q';
const PUBLIC: RequestContext = { actor: null, channel: 'http', requestId: 'req-public' };
const FULL: RepairEvidence = { obligationsPerformed: true, obligationsProof: '罚款已缴纳，缴款书 0002', commitmentLetter: true, creditTraining: false, volunteerHours: 0, donationFen: 0 };

const at = (db: TestDb, day: string) => db.clock.set(`${day}T10:00:00+08:00`);

describeEachDatabase('upstream exchange outbox', (get) => {
  let court: { op: RequestContext; rev: RequestContext };
  let admin: RequestContext;
  const citizens: Array<{ ctx: RequestContext; personId: string; recordId: string }> = [];

  beforeAll(async () => {
    const db = get();
    at(db, '2026-03-10');
    court = { op: await actorContext(db, 'dept_operator', { orgCode: COURT }), rev: await actorContext(db, 'dept_reviewer', { orgCode: COURT }) };
    admin = await actorContext(db, 'platform_admin');
    await importPenalties(db, court.op, [
      [...penaltyRow(301, { docNumber: '济罚〔2026〕301号', decisionDate: '2026-03-05' }), '一般'],
      [...penaltyRow(302, { docNumber: '济罚〔2026〕302号', decisionDate: '2026-03-05', fact: '第 302 号案件，罚款五万元' }), '一般'],
    ]);
    for (const i of [301, 302]) {
      const personId = (await db.services.identity.resolvePersonId(personCode(i)))!;
      const recordId = (await db.services.records.subjectFacts({ personId }))[0]!.recordId;
      citizens.push({ ctx: await actorContext(db, 'citizen', { personId }), personId, recordId });
    }
  });

  const grantRepair = async (db: TestDb, who: (typeof citizens)[number]) => {
    const { repair } = db.services;
    const applied = await repair.apply(who.ctx, { recordId: who.recordId, evidence: FULL });
    await repair.review(court.rev, applied.id, { outcome: 'confirmed', note: '已缴纳罚款', version: 1 });
    return repair.decide(admin, applied.id, { outcome: 'grant', note: '准予修复', version: 2 });
  };

  it('a granted repair and a corrected record are owed upstream; an upheld objection is not; the upstream acknowledges with its receipt', async () => {
    const db = get();
    const { exchange, objections } = db.services;
    at(db, '2026-06-08');
    const granted = await grantRepair(db, citizens[0]!);

    const upheldTarget = { kind: 'record' as const, id: citizens[1]!.recordId };
    const upheld = await objections.file(citizens[1]!.ctx, { target: upheldTarget, reasons: '处罚决定书日期有误，请核实' });
    await objections.decide(court.rev, upheld.id, { outcome: 'upheld', note: '经核实无误', version: upheld.version });
    at(db, '2026-06-09');
    const again = await objections.file(citizens[1]!.ctx, { target: upheldTarget, reasons: '罚款金额应为五千元，不是五万元' });
    const record = await db.services.records.getRecord(court.op, upheldTarget.id);
    const factField = Object.entries(record.versions[0]!.fields).find(([, v]) => v === '第 302 号案件，罚款五万元')![0];
    await objections.decide(court.rev, again.id, { outcome: 'corrected', note: '更正罚款金额', changes: { [factField]: '第 302 号案件，罚款五千元' }, version: again.version });

    const pending = await exchange.list(admin, {});
    expect(pending.items.map((c) => [c.kind, c.target.id, c.basis, c.occurredOn])).toEqual([
      ['repair_granted', citizens[0]!.recordId, `repair:${granted.id}`, '2026-06-08'],
      ['record_corrected', citizens[1]!.recordId, `objection:${again.id}`, '2026-06-09'],
    ]);
    expect(pending.items[1]!.details).toMatchObject({ correctedVersion: 2, wrongVersion: 1 });
    // Reading the outbox is a read of the persons' data: their access logs show it.
    const reads = await db.services.audit.listForSubject('person', citizens[0]!.personId);
    expect(reads.some((e) => e.action === 'exchange.read' && e.data?.changeId === pending.items[0]!.id)).toBe(true);

    // An unknown id is refused, located, and nothing is acknowledged.
    expect(await refusal(exchange.acknowledge(admin, { ids: [pending.items[0]!.id, 'no-such-change'], receipt: 'HN-2026-0001' }))).toMatchObject({
      code: 'exchange.unknown_change',
      status: 400,
      facts: { field: 'ids[1]' },
    });
    expect((await exchange.list(admin, {})).total).toBe(2);
    expect(await exchange.acknowledge(admin, { ids: [pending.items[0]!.id], receipt: 'HN-2026-0001' })).toEqual({ acknowledged: 1, alreadyAcknowledged: 0 });
    expect(await exchange.acknowledge(admin, { ids: [pending.items[0]!.id], receipt: 'HN-2026-0002' })).toEqual({ acknowledged: 0, alreadyAcknowledged: 1 });
    expect((await exchange.list(admin, {})).items.map((c) => c.kind)).toEqual(['record_corrected']);
    expect((await exchange.list(admin, { status: 'acknowledged' })).items).toEqual([expect.objectContaining({ kind: 'repair_granted', receipt: 'HN-2026-0001' })]);
  });

  it("a grant's effects interrupted after it committed are completed by the job, once; disclosure stopped with the grant itself", async () => {
    const db = get();
    const { repair, disclosure, lists } = db.services;
    at(db, '2026-06-10');
    const who = citizens[0]!;
    // Disclosure stopped in the grant's own transaction.
    expect((await disclosure.search(PUBLIC, personCode(301))).items).toEqual([]);
    expect((await disclosure.suspensionsOf({ kind: 'record', id: who.recordId })).filter((s) => s.reason === 'repair' && s.liftedOn === null)).toHaveLength(1);

    // The state a stop right after the grant's commit leaves: effects not done, an entry in force resting on the record.
    const proposed = await lists.propose(court.op, { list: 'watch', subjectCode: personCode(301), category: 'malicious_debt_evasion', recordIds: [who.recordId], basis: '济政办〔2017〕55号（三）7', reason: '转移财产逃避执行' });
    await lists.decide(court.rev, proposed.entry.id, { outcome: 'list', note: '列为重点监管对象', version: proposed.entry.version });
    await sql`update repair_applications set effects_done_at = null where record_id = ${who.recordId}`.execute(db.database.db);

    // Not yet settled: the request that granted it may still be applying them.
    expect(await repair.completeEffects(admin, 24 * 3600 * 365)).toBe(0);
    expect(await repair.completeEffects(admin)).toBe(1);
    expect((await lists.getEntry(admin, proposed.entry.id)).entry).toMatchObject({ status: 'removed', removalReason: 'repair' });
    expect(await repair.completeEffects(admin)).toBe(0);
  });
  it('the CLI lists what is pending and records the receipt; an unknown id fails with the bilingual message and marks nothing', async () => {
    const { env } = get();
    const pending = await runCli(['exchange', 'pending', '--json'], env);
    expect(pending.code, pending.stderr).toBe(0);
    const listed = JSON.parse(pending.stdout) as { items: Array<{ id: string; kind: string }>; total: number };
    expect(listed.items.map((c) => c.kind)).toEqual(['record_corrected']);
    const bad = await runCli(['exchange', 'ack', '--receipt', 'HN-2026-0003', listed.items[0]!.id, 'no-such-change'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('exchange.unknown_change');
    const ack = await runCli(['exchange', 'ack', '--receipt', 'HN-2026-0003', listed.items[0]!.id, '--json'], env);
    expect(ack.code, ack.stderr).toBe(0);
    expect(JSON.parse(ack.stdout)).toEqual({ acknowledged: 1, alreadyAcknowledged: 0 });
    expect(JSON.parse((await runCli(['exchange', 'pending', '--json'], env)).stdout)).toMatchObject({ items: [], total: 0 });
  });
});
