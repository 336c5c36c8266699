import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers/db.ts';
import type { Actor, RequestContext } from '../../../shared/context.ts';
import { newId } from '../../../shared/ids.ts';
import { reviewDueDays, type RuleKey } from './rules.ts';
import { ReviewService } from './service.ts';
import ruleSeed from './seed/review-rules.json' with { type: 'json' };

let users = 0;
function makeActor(role = 'dept_operator'): Actor {
  users += 1;
  return { userId: newId(), username: `reviewed-${users}`, role, departmentId: null, personId: null, permissions: new Set() };
}

interface ReadOptions {
  /** Person ids read, cycled; a fresh person per read by default. */
  persons?: string[];
  purpose?: string | null;
  legalBasis?: string;
  action?: string;
  subjectKind?: 'person' | 'organization' | null;
}

describeEachDatabase('audit review', (get) => {
  let review: ReviewService;
  const reviewer = makeActor('auditor');
  const reviewerCtx: RequestContext = { actor: reviewer, channel: 'http' };

  beforeAll(async () => {
    const { database, clock, services } = get();
    review = new ReviewService(database.db, clock, services.audit);
    await review.seedRules();
    expect((await review.listRules()).map((r) => r.key)).toEqual(['many_subjects', 'no_purpose', 'off_hours', 'volume_spike']);
  });

  /** `count` reads by `actor` at one Shanghai wall-clock instant (`2026-12-01T07:59`). */
  async function reads(actor: Actor, at: string, count: number, o: ReadOptions = {}): Promise<void> {
    const { clock, services } = get();
    clock.set(`${at}+08:00`);
    const ctx: RequestContext = { actor, channel: 'http' };
    if (o.purpose !== null) ctx.purpose = o.purpose ?? '核查身份 identity check';
    if (o.legalBasis) ctx.legalBasis = o.legalBasis;
    const kind = o.subjectKind === undefined ? 'person' : o.subjectKind;
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        services.audit.record(ctx, {
          action: o.action ?? 'person.read',
          ...(kind ? { subject: { kind, id: o.persons ? o.persons[i % o.persons.length]! : newId() } } : {}),
          result: 'ok',
        }),
      ),
    );
  }

  /** Runs the review of `day` from the next morning. */
  async function reviewDay(day: string, trigger: 'scheduled' | 'on_demand' = 'on_demand') {
    get().clock.set(`${day}T09:00:00+08:00`);
    get().clock.advanceDays(1);
    return review.runReview(reviewerCtx, day, trigger);
  }

  async function rulesFound(actor: Actor, day: string): Promise<RuleKey[]> {
    const { items } = await review.listFindings({ actorUserId: actor.userId, day, limit: 100, offset: 0 });
    return items.map((f) => f.rule).sort();
  }

  async function finding(actor: Actor, day: string, rule: RuleKey) {
    const { items } = await review.listFindings({ actorUserId: actor.userId, day, rule, limit: 10, offset: 0 });
    return items[0];
  }

  async function setRule(key: RuleKey, params: Record<string, unknown>) {
    await review.updateRule(reviewerCtx, key, params, 'test scenario 测试场景');
  }

  async function restoreRule(key: RuleKey) {
    await setRule(key, ruleSeed.rules.find((r) => r.key === key)!.params);
  }

  // ------------------------------------------------------------------------------------------

  const offHoursCases: [string, string, boolean][] = [
    // Tuesday 2026-12-01, working hours 08:00–18:30
    ['just before work', '2026-12-01T07:59:59', true],
    ['work starts', '2026-12-01T08:00:00', false],
    ['midday', '2026-12-01T12:00:00', false],
    ['last working minute', '2026-12-01T18:29:59', false],
    ['work ends', '2026-12-01T18:30:00', true],
    ['late evening', '2026-12-01T23:59:59', true],
    ['the first instant of the day', '2026-12-01T00:00:00', true],
    ['the day before, just before midnight (not this day)', '2026-11-30T23:59:59.999', false],
  ];

  it('off_hours: fires before 08:00 and from 18:30 on a working day, not in between', async () => {
    const actors = offHoursCases.map(() => makeActor());
    for (const [i, [, at]] of offHoursCases.entries()) await reads(actors[i]!, at, 1);
    await reviewDay('2026-12-01');
    for (const [i, [name, , fires]] of offHoursCases.entries()) {
      expect(await rulesFound(actors[i]!, '2026-12-01'), name).toEqual(fires ? ['off_hours'] : []);
    }
    const f = await finding(actors[0]!, '2026-12-01', 'off_hours');
    expect(f?.details).toMatchObject({ reads: 1, isWorkingWeekday: true, workdayStart: '08:00', workdayEnd: '18:30', actorRole: 'dept_operator' });
    expect(f?.details.exampleEntryIds).toHaveLength(1);
  });

  it('off_hours: any read on Saturday or Sunday fires', async () => {
    const saturday = makeActor();
    const sunday = makeActor();
    await reads(saturday, '2026-12-05T10:00:00', 2);
    await reads(sunday, '2026-12-06T15:00:00', 1);
    await reviewDay('2026-12-05');
    await reviewDay('2026-12-06');
    expect(await rulesFound(saturday, '2026-12-05')).toEqual(['off_hours']);
    expect(await rulesFound(sunday, '2026-12-06')).toEqual(['off_hours']);
    expect((await finding(saturday, '2026-12-05', 'off_hours'))?.details).toMatchObject({ reads: 2, isWorkingWeekday: false });
  });

  it('off_hours: the hours and working weekdays come from the rule table', async () => {
    await setRule('off_hours', { workdayStart: '07:00', workdayEnd: '20:00', workingWeekdays: [1, 2, 3, 4, 5, 6], minReads: 1 });
    try {
      const evening = makeActor();
      const early = makeActor();
      const saturday = makeActor();
      const sunday = makeActor();
      await reads(evening, '2026-12-16T19:59:00', 1);
      await reads(early, '2026-12-16T06:59:00', 1);
      await reads(saturday, '2026-12-19T10:00:00', 1);
      await reads(sunday, '2026-12-20T10:00:00', 1);
      for (const day of ['2026-12-16', '2026-12-19', '2026-12-20']) await reviewDay(day);
      expect(await rulesFound(evening, '2026-12-16')).toEqual([]);
      expect(await rulesFound(early, '2026-12-16')).toEqual(['off_hours']);
      expect(await rulesFound(saturday, '2026-12-19')).toEqual([]);
      expect(await rulesFound(sunday, '2026-12-20')).toEqual(['off_hours']);
    } finally {
      await restoreRule('off_hours');
    }
  });

  const noPurposeCases: [string, ReadOptions, boolean][] = [
    ['no purpose, no legal basis', { purpose: null }, true],
    ['empty purpose', { purpose: '' }, true],
    ['blank purpose', { purpose: '   ' }, true],
    ['a purpose', { purpose: '行政审批核查' }, false],
    ['a legal basis without purpose', { purpose: null, legalBasis: '河南省社会信用条例 第二十二条' }, false],
    ['another *.read of a person', { purpose: null, action: 'credit_record.read' }, true],
    ['a person lookup that found nobody (no subject)', { purpose: null, subjectKind: null }, true],
    ['an organization read', { purpose: null, action: 'organization.read', subjectKind: 'organization' }, false],
    ['not a read', { purpose: null, action: 'person.create' }, false],
  ];

  it('no_purpose: fires for a personal-data read with neither purpose nor legal basis', async () => {
    const actors = noPurposeCases.map(() => makeActor());
    for (const [i, [, options]] of noPurposeCases.entries()) await reads(actors[i]!, '2026-12-02T10:00:00', 1, options);
    await reviewDay('2026-12-02');
    for (const [i, [name, , fires]] of noPurposeCases.entries()) {
      expect(await rulesFound(actors[i]!, '2026-12-02'), name).toEqual(fires ? ['no_purpose'] : []);
    }
  });

  it('many_subjects: 100 distinct persons in a day fire, 99 do not however often they are read', async () => {
    const below = makeActor();
    const at = makeActor();
    const persons = Array.from({ length: 99 }, () => newId());
    await reads(below, '2026-12-03T10:00:00', 150, { persons });
    await reads(at, '2026-12-03T10:00:00', 100);
    await reviewDay('2026-12-03');
    expect(await finding(below, '2026-12-03', 'many_subjects')).toBeUndefined();
    const f = await finding(at, '2026-12-03', 'many_subjects');
    expect(f?.details).toMatchObject({ distinctPersons: 100, reads: 100, threshold: 100 });
    expect(f?.details.exampleEntryIds).toHaveLength(5);
  });

  it('volume_spike (seeded numbers): a user without history spikes at 50 reads, not at 49', async () => {
    const below = makeActor();
    const at = makeActor();
    const person = [newId()];
    await reads(below, '2026-12-08T10:00:00', 49, { persons: person });
    await reads(at, '2026-12-08T10:00:00', 50, { persons: person });
    await reviewDay('2026-12-08');
    expect(await rulesFound(below, '2026-12-08')).toEqual([]);
    expect(await rulesFound(at, '2026-12-08')).toEqual(['volume_spike']);
    expect((await finding(at, '2026-12-08', 'volume_spike'))?.details).toMatchObject({ reads: 50, baselineReads: 0, baselineDays: 30, factor: 3, minReads: 50 });
  });

  it('volume_spike: fires at factor × the mean of the baseline days, and only those days count', async () => {
    await setRule('volume_spike', { factor: 3, baselineDays: 5, minReads: 10 });
    try {
      const justBelow = makeActor();
      const at = makeActor();
      const oldBurst = makeActor();
      const person = [newId()];
      // Baseline 2026-12-10 … 12-14: 4 reads a day, mean 4, so the threshold is 12.
      for (const day of ['2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13', '2026-12-14']) {
        for (const a of [justBelow, at, oldBurst]) await reads(a, `${day}T10:00:00`, 4, { persons: person });
      }
      // Six days back is outside the baseline: it must not raise the mean.
      await reads(oldBurst, '2026-12-09T10:00:00', 100, { persons: person });
      await reads(justBelow, '2026-12-15T10:00:00', 11, { persons: person });
      await reads(at, '2026-12-15T10:00:00', 12, { persons: person });
      await reads(oldBurst, '2026-12-15T10:00:00', 12, { persons: person });
      await reviewDay('2026-12-15');
      expect(await rulesFound(justBelow, '2026-12-15')).toEqual([]);
      expect(await rulesFound(at, '2026-12-15')).toEqual(['volume_spike']);
      expect(await rulesFound(oldBurst, '2026-12-15')).toEqual(['volume_spike']);
      const f = await finding(at, '2026-12-15', 'volume_spike');
      expect(f?.details).toMatchObject({ reads: 12, baselineReads: 20, baselineDays: 5, baselineMeanPerDay: 4, factor: 3, minReads: 10 });
      expect(f).toMatchObject({ day: '2026-12-15', windowStart: '2026-12-14T16:00:00.000Z', windowEnd: '2026-12-15T16:00:00.000Z', status: 'open' });
    } finally {
      await restoreRule('volume_spike');
    }
  });

  it('a day still running cannot be reviewed; a malformed day is refused', async () => {
    get().clock.set('2026-12-22T23:00:00+08:00');
    await expect(review.runReview(reviewerCtx, '2026-12-22', 'on_demand')).rejects.toMatchObject({ code: 'audit.review_day_not_over' });
    await expect(review.runReview(reviewerCtx, '2026-12-23', 'on_demand')).rejects.toMatchObject({ code: 'audit.review_day_not_over' });
    await expect(review.runReview(reviewerCtx, '2026-02-30', 'on_demand')).rejects.toMatchObject({ code: 'audit.review_invalid_day' });
    expect(review.previousDay()).toBe('2026-12-21');
  });

  it('re-running a day adds no duplicates, only what is new; each run is logged', async () => {
    const { services } = get();
    const night = makeActor();
    await reads(night, '2026-12-22T22:00:00', 1);
    const runsLogged = await services.audit.count('audit.review_run');
    const first = await reviewDay('2026-12-22', 'scheduled');
    expect(first).toMatchObject({ day: '2026-12-22', findingsAdded: 1, trigger: 'scheduled', requestedBy: reviewer.userId });
    const again = await reviewDay('2026-12-22', 'scheduled');
    expect(again.findingsAdded).toBe(0);
    // A read that arrived late for the same day: only its finding is new.
    const late = makeActor();
    await reads(late, '2026-12-22T23:30:00', 1);
    await reads(night, '2026-12-22T23:31:00', 1);
    const third = await reviewDay('2026-12-22', 'scheduled');
    expect(third.findingsAdded).toBe(1);
    const { items, total } = await review.listFindings({ day: '2026-12-22', limit: 100, offset: 0 });
    expect(total).toBe(2);
    expect(items.map((f) => f.actorUserId).sort()).toEqual([night.userId, late.userId].sort());
    expect(await services.audit.count('audit.review_run')).toBe(runsLogged + 3);
    expect((await review.listRuns(3)).map((r) => r.id)).toEqual([third.id, again.id, first.id]);
    expect(await review.lastScheduledDay()).toBe('2026-12-22');
    expect(reviewDueDays(await review.lastScheduledDay(), '2026-12-25')).toEqual(['2026-12-23', '2026-12-24']);
  });

  it('marking a finding changes its status, keeps every conclusion and logs each one', async () => {
    const { services } = get();
    const suspect = makeActor();
    await reads(suspect, '2026-12-23T05:00:00', 3);
    await reviewDay('2026-12-23');
    const f = (await finding(suspect, '2026-12-23', 'off_hours'))!;
    const logged = await services.audit.count('audit.finding_review');

    await expect(review.markFinding(reviewerCtx, f.id, 'confirmed', ' x ')).rejects.toMatchObject({ code: 'audit.review_note_required' });
    await expect(review.markFinding({ actor: suspect }, f.id, 'dismissed', '是我自己，正常加班')).rejects.toMatchObject({ code: 'audit.review_own_finding', status: 403 });
    await expect(review.markFinding({ actor: null, channel: 'cli' }, f.id, 'dismissed', '无人署名')).rejects.toMatchObject({ code: 'audit.reviewer_required' });
    await expect(review.markFinding(reviewerCtx, newId(), 'confirmed', '不存在')).rejects.toMatchObject({ code: 'audit.finding_not_found', status: 404 });
    expect(await services.audit.count('audit.finding_review')).toBe(logged);

    get().clock.set('2026-12-24T10:00:00+08:00');
    const confirmed = await review.markFinding(reviewerCtx, f.id, 'confirmed', '凌晨批量查询，无工单');
    expect(confirmed).toMatchObject({ status: 'confirmed', reviewedBy: reviewer.userId, reviewNote: '凌晨批量查询，无工单', reviewedAt: '2026-12-24T02:00:00.000Z' });

    const second = makeActor('auditor');
    get().clock.set('2026-12-24T15:00:00+08:00');
    const dismissed = await review.markFinding({ actor: second }, f.id, 'dismissed', '核实为应急值班，有批示');
    expect(dismissed).toMatchObject({ status: 'dismissed', reviewedBy: second.userId });

    const history = await review.findingReviews(f.id);
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.reviewedBy, h.note])).toEqual([
      ['open', 'confirmed', reviewer.userId, '凌晨批量查询，无工单'],
      ['confirmed', 'dismissed', second.userId, '核实为应急值班，有批示'],
    ]);
    expect(await services.audit.count('audit.finding_review')).toBe(logged + 2);
    expect((await review.listFindings({ status: 'dismissed', day: '2026-12-23', limit: 10, offset: 0 })).items.map((x) => x.id)).toEqual([f.id]);
    expect((await review.listFindings({ status: 'open', day: '2026-12-23', limit: 10, offset: 0 })).total).toBe(0);
  });

  it('findings hold counts and entry ids, never a citizen code', async () => {
    const { items } = await review.listFindings({ limit: 500, offset: 0 });
    expect(items.length).toBeGreaterThan(5);
    for (const f of items) expect(JSON.stringify(f.details)).not.toMatch(/\d{17}[\dX]/);
  });

  it('rule changes are validated, versioned and logged', async () => {
    const { services } = get();
    const before = (await review.listRules()).find((r) => r.key === 'many_subjects')!;
    const logged = await services.audit.count('audit.review_rule_update');
    await expect(review.updateRule(reviewerCtx, 'many_subjects', { threshold: 0 }, '太低')).rejects.toMatchObject({ code: 'audit.review_rule_invalid' });
    await expect(review.updateRule(reviewerCtx, 'many_subjects', { threshold: 50 }, '')).rejects.toMatchObject({ code: 'audit.review_rule_reason_required' });
    await expect(review.updateRule(reviewerCtx, 'nonsense', { threshold: 50 }, '未知规则')).rejects.toMatchObject({ code: 'audit.review_rule_not_found' });
    const after = await review.updateRule(reviewerCtx, 'many_subjects', { threshold: 80 }, '市发改委通知调整');
    expect(after).toMatchObject({ params: { threshold: 80 }, version: before.version + 1, updatedBy: reviewer.userId });
    expect(await services.audit.count('audit.review_rule_update')).toBe(logged + 1);
    // Seeding again keeps the admin's number.
    expect(await review.seedRules()).toEqual({ rulesAdded: 0 });
    expect((await review.listRules()).find((r) => r.key === 'many_subjects')?.params).toEqual({ threshold: 80 });
    await restoreRule('many_subjects');
  });
});
