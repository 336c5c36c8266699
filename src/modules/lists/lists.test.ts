import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, TEST_START, type TestDb } from '../../../test/helpers/db.ts';
import { actorContext, importPenalties, refusal } from '../../../test/helpers/domain.ts';
import type { RequestContext } from '../../shared/context.ts';
import { adminContext } from '../catalog/test-factories.ts';
import { orgCode, penaltyRow, personCode, judgmentDebtorRecord } from '../records/test-factories.ts';
import type { StandingEntry, SubjectRef } from './standing.ts';
import { addDays, isCleanFor, lastDayOf } from './rules.ts';


const COURT = '11419001101029470Q'; // 济源中级人民法院: source of 失信被执行人 (SXBZXR)
const CIVILISATION = '11419001100475140J'; // 市精神文明建设指导委员会办公室: source of 道德模范 (DDMF)
const HOUSING = '11419001101346230T'; // 市住房和城乡建设局: source of unconfirmed utility arrears (GGSYQF)
const POLICE = '11419001100079190A';


async function submit(db: TestDb, ctx: RequestContext, item: string, record: Record<string, string>): Promise<void> {
  const job = await db.services.records.submitBatch(ctx, item, [record]);
  expect(job.errors).toEqual([]);
}

const judgmentDebtor = (i: number, date = '2026-10-09') => judgmentDebtorRecord(i, { code: personCode(i), name: `赵${i}` }, date);

async function personId(db: TestDb, i: number): Promise<string> {
  return (await db.services.identity.resolvePersonId(personCode(i)))!;
}

async function recordIds(db: TestDb, subject: { personId: string } | { organizationId: string }, itemCode?: string): Promise<string[]> {
  return (await db.services.records.subjectFacts(subject)).filter((f) => itemCode === undefined || f.itemCode === itemCode).map((f) => f.recordId);
}

describeEachDatabase('lists', (get) => {
  let court: { op: RequestContext; rev: RequestContext };
  let civilisation: { op: RequestContext; rev: RequestContext };
  let housingOp: RequestContext;
  let policeRev: RequestContext;
  const listed: Array<StandingEntry & { subject: SubjectRef }> = [];

  beforeAll(async () => {
    const db = get();
    court = { op: await actorContext(db, 'dept_operator', { orgCode: COURT }), rev: await actorContext(db, 'dept_reviewer', { orgCode: COURT }) };
    civilisation = { op: await actorContext(db, 'dept_operator', { orgCode: CIVILISATION }), rev: await actorContext(db, 'dept_reviewer', { orgCode: CIVILISATION }) };
    housingOp = await actorContext(db, 'dept_operator', { orgCode: HOUSING });
    policeRev = await actorContext(db, 'dept_reviewer', { orgCode: POLICE });
    // Utility arrears may be collected once reviewed by experts and put to public comment — and still never be a basis.
    const utility = await db.services.catalog.get('GGSYQF');
    await db.services.catalog.update(adminContext(), 'GGSYQF', { active: true, expertReviewedAt: '2026-11-01', publicCommentAt: '2026-11-15' }, '专家评估与公开征求意见已完成（测试）', utility.version);
    db.services.lists.onEntryListed(async (entry) => {
      listed.push(entry);
    });
  });

  it('serious dishonesty: prior notice → defence → listed → in the standing → gone the day after its last day, then closed by the expiry job', async () => {
    const db = get();
    const { lists, calendar } = db.services;
    db.clock.set(TEST_START);
    await submit(db, court.op, 'SXBZXR', judgmentDebtor(1));
    const subject: SubjectRef = { type: 'person', id: await personId(db, 1) };
    const [recordId] = await recordIds(db, { personId: subject.id });

    const proposed = await lists.propose(court.op, {
      list: 'serious_dishonesty',
      subjectCode: personCode(1),
      category: 'defying_obligations',
      recordIds: [recordId!],
      basis: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条',
      reason: '有履行能力而拒不履行生效法律文书确定的给付义务',
      measures: '限制高消费；限制参加政府采购和招标投标',
    });
    const defenceUntil = await calendar.addWorkingDays('2026-11-30', 5);
    expect(proposed.entry).toMatchObject({ status: 'notified', notifiedOn: '2026-11-30', defenceUntil, severity: 'serious', subjectName: '赵*', inForce: false, version: 1 });
    expect(proposed.entry.records).toEqual([{ recordId, itemCode: 'SXBZXR', severity: 'serious', decisionDate: '2026-10-09' }]);
    const [notice] = proposed.notices;
    expect(notice).toMatchObject({ kind: 'prior_notice', channel: 'person', until: defenceUntil });
    for (const part of ['最高人民法院', '拒不履行', '限制高消费', '复核', defenceUntil]) expect(notice!.body.zh).toContain(part);
    expect((await lists.standingOf(subject)).entries).toEqual([]);

    // The reviewer cannot decide while the defence period runs.
    expect(await refusal(lists.decide(court.rev, proposed.entry.id, { outcome: 'list', note: '维持', version: 1 }))).toMatchObject({ code: 'lists.defence_period_running', status: 409 });

    // The person states a defence within the period (their citizen account).
    const citizen = await actorContext(db, 'citizen', { personId: subject.id });
    db.clock.set(`${defenceUntil}T17:00:00+08:00`);
    const defended = await lists.fileStatement(citizen, proposed.entry.id, { kind: 'defence', text: '本人已与申请执行人达成和解' });
    expect(defended.entry.version).toBe(2);
    expect(defended.events.map((e) => [e.action, e.toStatus, e.note])).toEqual([
      ['propose', 'notified', '有履行能力而拒不履行生效法律文书确定的给付义务'],
      ['defence', 'notified', '本人已与申请执行人达成和解'],
    ]);
    // Someone else's entry answers like a missing one.
    const stranger = await actorContext(db, 'citizen', { personId: (await db.services.identity.registerPerson({ actor: null }, { code: personCode(2), name: '钱二' })).id });
    expect(await refusal(lists.fileStatement(stranger, proposed.entry.id, { kind: 'review', text: '复核' }))).toMatchObject({ code: 'lists.entry_not_found', status: 404 });

    // After the period: no more statements; a decision on a stale version is refused; then listed.
    db.clock.set(`${addDays(defenceUntil, 1)}T09:00:00+08:00`);
    const listedOn = addDays(defenceUntil, 1);
    expect(await refusal(lists.fileStatement(citizen, proposed.entry.id, { kind: 'review', text: '申请复核' }))).toMatchObject({ code: 'lists.defence_period_over', status: 409 });
    expect(await refusal(lists.decide(court.rev, proposed.entry.id, { outcome: 'list', note: '维持', version: 1 }))).toMatchObject({ code: 'lists.version_conflict', status: 409 });
    const decided = await lists.decide(court.rev, proposed.entry.id, { outcome: 'list', note: '和解未履行，申辩不成立', version: 2 });
    const endsOn = lastDayOf(listedOn, 36);
    expect(decided.entry).toMatchObject({ status: 'listed', listedOn, endsOn, inForce: true, version: 3 });
    expect(decided.notices.map((n) => [n.kind, n.channel])).toEqual([
      ['prior_notice', 'person'],
      ['listing', 'public'],
    ]);
    expect(listed.filter((e) => e.entryId === proposed.entry.id)).toEqual([expect.objectContaining({ subject, list: 'serious_dishonesty', listedOn, endsOn, recordIds: [recordId] })]);

    const expectedEntry = { entryId: proposed.entry.id, list: 'serious_dishonesty', category: 'defying_obligations', itemCodes: ['SXBZXR'], recordIds: [recordId], severity: 'serious', listedOn, endsOn, via: null };
    // Standing is computed from dates on each call: in force on its last day, gone the next day even before the job runs.
    for (const [day, entries, clean] of [
      [listedOn, [expectedEntry], false],
      [endsOn, [expectedEntry], true],
      [addDays(endsOn, 1), [], true],
    ] as const) {
      db.clock.set(`${day}T12:00:00+08:00`);
      const standing = await lists.standingOf(subject);
      expect(standing.asOf).toBe(day);
      expect(standing.entries).toEqual(entries.map((e) => expect.objectContaining(e)));
      expect(standing).toMatchObject({ cleanForYears: clean, lastBadRecordOn: '2026-10-09' });
    }
    expect(await lists.listEntriesInForce({ list: 'serious_dishonesty', limit: 10 })).toEqual([]);

    expect(await lists.expireEntries()).toBe(1);
    expect(await lists.expireEntries()).toBe(0);
    const closed = await lists.getEntry(court.rev, proposed.entry.id);
    expect(closed.entry).toMatchObject({ status: 'removed', removalReason: 'expiry', removedOn: addDays(endsOn, 1), inForce: false });
    expect(closed.events.at(-1)).toMatchObject({ action: 'remove', fromStatus: 'listed', toStatus: 'removed', actorUserId: null, actorRole: 'system' });
    const exit = closed.notices.at(-1)!;
    expect(exit).toMatchObject({ kind: 'exit', channel: 'public' });
    expect(exit.body.zh).toContain('有效期届满');
    expect((await lists.publicNotices()).items.map((n) => n.id)).toContain(exit.id);
  });

  it.each([
    ['unconfirmed utility arrears are never a basis (Henan Art. 27), on any list', 'utility', 'serious_dishonesty', 'lists.utility_arrears_not_a_basis'],
    ['unconfirmed utility arrears on the watch list', 'utility', 'watch', 'lists.utility_arrears_not_a_basis'],
    ['an ordinary penalty is not serious dishonesty', 'ordinary', 'serious_dishonesty', 'lists.not_serious'],
    ['a bad record is not a red-list basis', 'ordinary', 'red', 'lists.not_a_red_basis'],
    ['another person’s record', 'foreign', 'serious_dishonesty', 'lists.record_not_subjects'],
  ] as const)('refuses a proposal citing %s, writing nothing', async (_name, recordKind, list, code) => {
    const db = get();
    db.clock.set(TEST_START);
    const { lists } = db.services;
    await submit(db, housingOp, 'GGSYQF', { xm: '孙三', sfzh: personCode(3), fylx: '物业费', fwdw: '某物业公司', hh: '3-1-301', qfqj: '2025年', qfje: '1200.00', qfbh: 'WY-3', tzrq: '2026-09-01' });
    await importPenalties(db, court.op, [[...penaltyRow(3, { docNumber: '济罚〔2026〕3号', decisionDate: '2026-08-01' }), '一般']]);
    await submit(db, court.op, 'SXBZXR', judgmentDebtor(4));
    const facts = await db.services.records.subjectFacts({ personId: await personId(db, 3) });
    const cited =
      recordKind === 'utility'
        ? facts.find((f) => f.itemCode === 'GGSYQF')!.recordId
        : recordKind === 'ordinary'
          ? facts.find((f) => f.itemCode === 'XZCF')!.recordId
          : (await recordIds(db, { personId: await personId(db, 4) }))[0]!;
    const before = (await lists.listEntries(court.rev, {})).total;
    const err = await refusal(
      lists.propose(court.op, {
        list,
        subjectCode: personCode(3),
        ...(list === 'red' ? {} : { category: list === 'watch' ? 'malicious_debt_evasion' : 'defying_obligations' }),
        recordIds: [cited],
        basis: '测试依据',
        reason: '测试理由',
        measures: '限制高消费',
      }),
    );
    expect(err).toMatchObject({ code, status: 400, facts: { field: 'recordIds/0', recordId: cited } });
    expect((await lists.listEntries(court.rev, {})).total).toBe(before);
  });

  it('the proposal form marks each of the subject’s records as citable or not, with the reason', async () => {
    const db = get();
    const candidates = await db.services.lists.candidates(court.op, { list: 'serious_dishonesty', subjectCode: personCode(3) });
    expect(candidates.subject).toMatchObject({ type: 'person', name: '孙*' });
    expect(Object.fromEntries(candidates.records.map((r) => [r.itemCode, r.refusal]))).toEqual({ GGSYQF: 'lists.utility_arrears_not_a_basis', XZCF: 'lists.not_serious' });
  });

  it('red list: a moral model is announced publicly (name masked), confirmed only after the announcement period, then in the standing', async () => {
    const db = get();
    const { lists, calendar } = db.services;
    db.clock.set(TEST_START);
    await submit(db, civilisation.op, 'DDMF', { xm: '李五', sfzh: personCode(5), rych: '济源市道德模范', jb: '市级', sydw: '济源市精神文明建设指导委员会', bzwh: '济文明〔2026〕5号', sysj: '2026-09-20' });
    const subject: SubjectRef = { type: 'person', id: await personId(db, 5) };
    const proposed = await lists.propose(civilisation.op, { list: 'red', subjectCode: personCode(5), recordIds: await recordIds(db, { personId: subject.id }), basis: '济政办〔2017〕55号（三）5', reason: '获评济源市道德模范' });
    const until = await calendar.addWorkingDays('2026-11-30', 7);
    expect(proposed.entry).toMatchObject({ status: 'announced', category: 'DDMF', categoryName: { zh: '道德模范' }, announcementUntil: until, validityMonths: 24 });
    const announcement = (await lists.publicNotices()).items.find((n) => n.kind === 'announcement' && n.body.zh.includes('李*'));
    expect(announcement).toMatchObject({ list: 'red', subjectName: '李*', until });
    expect(JSON.stringify(await lists.publicNotices())).not.toContain('李五');

    db.clock.set(`${until}T16:00:00+08:00`);
    expect(await refusal(lists.decide(civilisation.rev, proposed.entry.id, { outcome: 'list', note: '公示无异议', version: 1 }))).toMatchObject({ code: 'lists.announcement_running' });
    db.clock.set(`${addDays(until, 1)}T09:00:00+08:00`);
    const confirmed = await lists.decide(civilisation.rev, proposed.entry.id, { outcome: 'list', note: '公示无异议', version: 1 });
    expect(confirmed.entry).toMatchObject({ status: 'listed', listedOn: addDays(until, 1), endsOn: lastDayOf(addDays(until, 1), 24) });
    // The announcement is over: no longer on the public page.
    expect((await lists.publicNotices()).items.some((n) => n.kind === 'announcement' && n.body.zh.includes('李*'))).toBe(false);
    const standing = await lists.standingOf(subject);
    expect(standing.entries).toEqual([expect.objectContaining({ list: 'red', category: 'DDMF', itemCodes: ['DDMF'], severity: null })]);
    expect(standing).toMatchObject({ cleanForYears: true, lastBadRecordOn: null });

    // A case found by the media rests on its source rather than a record.
    expect(await refusal(lists.propose(civilisation.op, { list: 'red', subjectCode: personCode(5), category: 'media', recordIds: [], basis: '济政办〔2017〕55号（三）5', reason: '拾金不昧' }))).toMatchObject({
      code: 'lists.source_required',
    });
    const media = await lists.propose(civilisation.op, { list: 'red', subjectCode: personCode(5), category: 'media', recordIds: [], basis: '济政办〔2017〕55号（三）5', reason: '拾金不昧', sourceText: '《济源日报》2026年11月报道' });
    expect(media.entry).toMatchObject({ status: 'announced', category: 'media', records: [], sourceText: '《济源日报》2026年11月报道' });
  });

  it('an organization’s serious entry reaches its legal representative’s standing (落实到人), not the other way round', async () => {
    const db = get();
    const { lists } = db.services;
    db.clock.set(TEST_START);
    const representative = personCode(6);
    await importPenalties(db, court.op, [[...penaltyRow(60, { organization: true, representativeCode: representative, decisionDate: '2026-07-01' }), '严重']]);
    const organizationId = (await db.services.identity.resolveOrganizationId(orgCode(60)))!;
    const proposed = await lists.propose(court.op, {
      list: 'serious_dishonesty',
      subjectCode: orgCode(60),
      category: 'fair_competition',
      recordIds: await recordIds(db, { organizationId }),
      basis: '《企业信息公示暂行条例》第十八条',
      reason: '隐瞒真实情况、弄虚作假',
      measures: '限制参加政府采购',
    });
    expect(proposed.entry).toMatchObject({ subjectType: 'organization', subjectName: '济源市第60商贸有限公司', subjectCodeMasked: orgCode(60) });
    db.clock.set(`${addDays(proposed.entry.defenceUntil!, 1)}T09:00:00+08:00`);
    await lists.decide(court.rev, proposed.entry.id, { outcome: 'list', note: '期满无申辩', version: 1 });

    const rep = await lists.standingOf({ type: 'person', id: await personId(db, 6) });
    expect(rep.entries).toEqual([
      expect.objectContaining({ entryId: proposed.entry.id, list: 'serious_dishonesty', via: { organizationId, organizationName: '济源市第60商贸有限公司', role: 'legal_representative' } }),
    ]);
    // The derived personal record is the person's own bad record.
    expect(rep).toMatchObject({ cleanForYears: false, lastBadRecordOn: '2026-07-01' });
    const org = await lists.standingOf({ type: 'organization', id: organizationId });
    expect(org.entries).toEqual([expect.objectContaining({ entryId: proposed.entry.id, via: null })]);
  });

  it.each([
    ['exactly three years after the last bad record', '2026-11-30', true],
    ['the day before three years', '2026-11-29', false],
    ['long after', '2031-01-01', true],
  ])('clean for three years: %s', async (_name, today, clean) => {
    const db = get();
    db.clock.set(TEST_START);
    const code = personCode(7);
    if ((await db.services.identity.resolvePersonId(code)) === null) {
      await importPenalties(db, court.op, [[...penaltyRow(7, { docNumber: '济罚〔2023〕7号', decisionDate: '2023-11-30' }), '一般']]);
    }
    db.clock.set(`${today}T10:00:00+08:00`);
    expect(await db.services.lists.standingOf({ type: 'person', id: await personId(db, 7) })).toMatchObject({ cleanForYears: clean, lastBadRecordOn: '2023-11-30', entries: [] });
  });

  it('the three-year rule reads "on or before the same day three years ago", leap days included', () => {
    expect(isCleanFor(null, '2026-01-01', 3)).toBe(true);
    // 2024-02-29 less three years is 2021-02-28 (the month's last day).
    expect(isCleanFor('2021-02-28', '2024-02-29', 3)).toBe(true);
    expect(isCleanFor('2021-03-01', '2024-02-29', 3)).toBe(false);
    expect(lastDayOf('2024-02-29', 12)).toBe('2025-02-27');
  });

  it('another department neither sees nor decides an entry; the admin and the auditor see every department’s', async () => {
    const db = get();
    const { lists } = db.services;
    db.clock.set(TEST_START);
    await submit(db, court.op, 'SXBZXR', judgmentDebtor(8));
    const entry = (
      await lists.propose(court.op, {
        list: 'watch',
        subjectCode: personCode(8),
        category: 'malicious_debt_evasion',
        recordIds: await recordIds(db, { personId: await personId(db, 8) }),
        basis: '济政办〔2017〕55号（三）7',
        reason: '转移财产逃避执行',
      })
    ).entry;
    expect(entry).toMatchObject({ status: 'proposed', category: 'malicious_debt_evasion', categoryName: { zh: '恶意逃废债务' } });
    expect(await refusal(lists.getEntry(policeRev, entry.id))).toMatchObject({ code: 'lists.entry_not_found', status: 404 });
    expect(await refusal(lists.decide(policeRev, entry.id, { outcome: 'withdraw', note: '越权', version: 1 }))).toMatchObject({ status: 404 });
    expect((await lists.listEntries(policeRev, {})).items.map((e) => e.id)).not.toContain(entry.id);
    const admin: RequestContext = { actor: { userId: 'admin', username: 'admin', role: 'platform_admin', departmentId: null, personId: null, permissions: new Set() } };
    expect((await lists.listEntries(admin, { list: 'watch' })).items.map((e) => e.id)).toContain(entry.id);

    // A second open watch entry of the same category is refused; the reviewer lists it at once (no waiting period).
    expect(
      await refusal(lists.propose(court.op, { list: 'watch', subjectCode: personCode(8), category: 'malicious_debt_evasion', recordIds: [], basis: '济政办〔2017〕55号（三）7', reason: '重复' })),
    ).toMatchObject({ code: 'lists.entry_exists', status: 409 });
    const watched = await lists.decide(court.rev, entry.id, { outcome: 'list', note: '列为重点监管对象', version: 1 });
    expect(watched.notices.map((n) => [n.kind, n.channel])).toEqual([['listing', 'government']]);

    // Removed on repair: out of the standing at once; the exit notice goes the way the listing went.
    const repaired = await lists.removeEntry(court.rev, entry.id, { reason: 'repair', note: '已履行全部义务并作出信用承诺', version: 2 });
    expect(repaired.entry).toMatchObject({ status: 'removed', removalReason: 'repair', removedOn: '2026-11-30' });
    expect(repaired.notices.at(-1)).toMatchObject({ kind: 'exit', channel: 'government' });
    expect((await lists.standingOf({ type: 'person', id: await personId(db, 8) })).entries).toEqual([]);
    expect(await refusal(lists.removeEntry(court.rev, entry.id, { reason: 'correction', note: '再次移出' }))).toMatchObject({ code: 'lists.not_listed', status: 409 });
  });

  it('a withdrawn proposal is closed with its reason and never listed', async () => {
    const db = get();
    const { lists } = db.services;
    db.clock.set(TEST_START);
    await submit(db, court.op, 'SXBZXR', judgmentDebtor(9));
    const entry = (
      await lists.propose(court.op, {
        list: 'serious_dishonesty',
        subjectCode: personCode(9),
        category: 'defying_obligations',
        recordIds: await recordIds(db, { personId: await personId(db, 9) }),
        basis: '《最高人民法院关于公布失信被执行人名单信息的若干规定》',
        reason: '拒不履行',
        measures: '限制高消费',
      })
    ).entry;
    const withdrawn = await lists.decide(court.rev, entry.id, { outcome: 'withdraw', note: '被执行人已全部履行', version: 1 });
    expect(withdrawn.entry).toMatchObject({ status: 'withdrawn', removalReason: 'withdrawn', listedOn: null });
    expect(withdrawn.events.at(-1)).toMatchObject({ action: 'withdraw', note: '被执行人已全部履行', actorUserId: court.rev.actor!.userId });
    expect(await refusal(lists.decide(court.rev, entry.id, { outcome: 'list', note: '再认定', version: 2 }))).toMatchObject({ code: 'lists.not_pending' });
  });
});
