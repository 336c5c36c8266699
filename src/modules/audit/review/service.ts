import { shanghaiDate, type Clock } from '../../../shared/clock.ts';
import type { RequestContext } from '../../../shared/context.ts';
import { Conflict, Forbidden, InvalidInput, NotFound } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { inTransaction, type Db } from '../../../db/index.ts';
import type { AuditLog } from '../service.ts';
import * as repo from './repo.ts';
import {
  addDays,
  dayWindow,
  daysBeforeWindow,
  isCalendarDay,
  isoWeekday,
  isRuleKey,
  isVolumeSpike,
  offHoursWindows,
  RULE_KEYS,
  ruleParamsProblem,
  type RuleKey,
  type RuleParams,
  type Window,
} from './rules.ts';
import type { Finding, FindingReview, FindingStatus, ReviewRule, ReviewRun, ReviewTrigger } from './schema.ts';
import ruleSeed from './seed/review-rules.json' with { type: 'json' };

/** How many example entry ids a finding carries. */
const EXAMPLES = 5;
const MIN_NOTE = 2;

export interface FindingFilter {
  status?: FindingStatus | undefined;
  rule?: RuleKey | undefined;
  day?: string | undefined;
  actorUserId?: string | undefined;
  limit: number;
  offset: number;
}

/** A finding as stored: the user names are the route's business. */
export type StoredFinding = Omit<Finding, 'actorUsername' | 'reviewedByUsername'>;
export type StoredFindingReview = Omit<FindingReview, 'reviewedByUsername'>;

interface Candidate {
  rule: RuleKey;
  actorUserId: string;
  details: Record<string, unknown>;
}

type LoadedRules = { [K in RuleKey]: { params: RuleParams[K]; version: number } };

function toFinding(row: repo.FindingRow): StoredFinding {
  return {
    id: row.id,
    rule: row.rule as RuleKey,
    actorUserId: row.actorUserId,
    day: row.day,
    windowStart: row.windowStart,
    windowEnd: row.windowEnd,
    details: JSON.parse(row.details) as Record<string, unknown>,
    status: row.status as FindingStatus,
    reviewedBy: row.reviewedBy,
    reviewedAt: row.reviewedAt,
    reviewNote: row.reviewNote,
    runId: row.runId,
    createdAt: row.createdAt,
  };
}

function toRun(row: repo.ReviewRunRow): ReviewRun {
  return {
    id: row.id,
    day: row.day,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    findingsAdded: Number(row.findingsAdded),
    trigger: row.trigger as ReviewTrigger,
    requestedBy: row.requestedBy,
  };
}

function toRule(row: repo.ReviewRuleRow): ReviewRule {
  return {
    key: row.key as RuleKey,
    params: JSON.parse(row.params) as Record<string, unknown>,
    legalBasis: row.legalBasis,
    version: Number(row.version),
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

/**
 * The review half of policy (四)8 查询使用登记和审查: reads of personal data in the access log are
 * checked day by day against rules kept as data (`audit_review_rules`), unusual patterns become
 * findings, and an auditor confirms or dismisses each with a note. Every run, review and rule
 * change is itself an access-log entry, written in the same transaction.
 */
export class ReviewService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** Seeds the rules from `seed/review-rules.json`; idempotent, never overwrites an admin's change. */
  async seedRules(): Promise<{ rulesAdded: number }> {
    const now = this.clock.now().toISOString();
    let rulesAdded = 0;
    await inTransaction(this.db, async (tx) => {
      for (const rule of ruleSeed.rules) {
        if (!isRuleKey(rule.key)) throw new Error(`review-rules.json: unknown rule "${rule.key}"`);
        const problem = ruleParamsProblem(rule.key, rule.params);
        if (problem) throw new Error(`review-rules.json: rule "${rule.key}" ${problem}`);
        const added = await repo.insertRuleIfAbsent(tx, {
          key: rule.key,
          params: JSON.stringify(rule.params),
          legalBasis: rule.legalBasis,
          version: 1,
          seedVersion: ruleSeed.version,
          updatedAt: now,
          updatedBy: null,
        });
        if (added) rulesAdded += 1;
      }
    });
    return { rulesAdded };
  }

  async listRules(): Promise<ReviewRule[]> {
    return (await repo.listRules(this.db)).map(toRule);
  }

  /** Changes a rule's numbers (admin); the old and new numbers and the reason go to the access log. */
  async updateRule(ctx: RequestContext, key: string, params: unknown, reason: string): Promise<ReviewRule> {
    if (!isRuleKey(key)) throw new NotFound('audit.review_rule_not_found', { key });
    const problem = ruleParamsProblem(key, params);
    if (problem) throw new InvalidInput('audit.review_rule_invalid', 'params', problem, { key });
    if (reason.trim().length < MIN_NOTE) throw new InvalidInput('audit.review_rule_reason_required', 'reason', 'too_short', { minLength: MIN_NOTE });
    return inTransaction(this.db, async (tx) => {
      const current = await repo.findRule(tx, key);
      if (!current) throw new NotFound('audit.review_rule_not_found', { key });
      const updatedAt = this.clock.now().toISOString();
      const changed = await repo.updateRuleParams(tx, key, Number(current.version), { params: JSON.stringify(params), updatedAt, updatedBy: ctx.actor?.userId ?? null });
      if (changed === 0) throw new Conflict('audit.review_rule_changed', { key });
      await this.audit.recordIn(tx, ctx, {
        action: 'audit.review_rule_update',
        data: { key, from: JSON.parse(current.params) as unknown, to: params, version: Number(current.version) + 1, reason: reason.trim() },
        result: 'ok',
      });
      return toRule((await repo.findRule(tx, key))!);
    });
  }

  /** Yesterday in Asia/Shanghai: the default day to review. */
  previousDay(): string {
    return addDays(shanghaiDate(this.clock.now()), -1);
  }

  /** The last day the daily (scheduled) review covered; feed it to `reviewDueDays`. */
  lastScheduledDay(): Promise<string | null> {
    return repo.lastRunDay(this.db, 'scheduled');
  }

  /**
   * Reviews one finished Shanghai day. Re-running a day adds only findings not made before
   * (unique rule + user + day); a finding already made is never rewritten, so what a reviewer
   * saw stays what they saw.
   */
  async runReview(ctx: RequestContext, day: string, trigger: ReviewTrigger): Promise<ReviewRun> {
    if (!isCalendarDay(day)) throw new InvalidInput('audit.review_invalid_day', 'day', 'format');
    const startedAt = this.clock.now();
    const today = shanghaiDate(startedAt);
    // A day still running would be judged on part of its reads, and its findings never revised.
    if (day >= today) throw new InvalidInput('audit.review_day_not_over', 'day', 'not_over', { day, today });
    const rules = await this.loadRules();
    const candidates = [
      ...(await this.volumeSpikes(day, rules.volume_spike)),
      ...(await this.offHours(day, rules.off_hours)),
      ...(await this.withoutPurpose(day, rules.no_purpose)),
      ...(await this.manySubjects(day, rules.many_subjects)),
    ];
    const window = dayWindow(day);
    const runId = newId();
    return inTransaction(this.db, async (tx) => {
      const createdAt = this.clock.now().toISOString();
      const run: repo.ReviewRunRow = {
        id: runId,
        day,
        startedAt: startedAt.toISOString(),
        finishedAt: createdAt,
        findingsAdded: 0,
        trigger,
        requestedBy: ctx.actor?.userId ?? null,
      };
      // The run row first (findings reference it), completed below in the same transaction.
      await repo.insertRun(tx, run);
      for (const c of candidates) {
        const added = await repo.insertFindingIfAbsent(tx, {
          id: newId(),
          rule: c.rule,
          actorUserId: c.actorUserId,
          day,
          windowStart: window.from,
          windowEnd: window.to,
          details: JSON.stringify({ ...c.details, ruleVersion: rules[c.rule].version }),
          status: 'open',
          reviewedBy: null,
          reviewedAt: null,
          reviewNote: null,
          version: 1,
          runId,
          createdAt,
        });
        if (added) run.findingsAdded += 1;
      }
      run.finishedAt = this.clock.now().toISOString();
      await repo.finishRun(tx, runId, run.findingsAdded, run.finishedAt);
      await this.audit.recordIn(tx, ctx, {
        action: 'audit.review_run',
        data: { runId, day, trigger, findingsAdded: run.findingsAdded, findingsMatched: candidates.length },
        result: 'ok',
      });
      return toRun(run);
    });
  }

  async listFindings(filter: FindingFilter): Promise<{ items: StoredFinding[]; total: number }> {
    const f: repo.FindingFilter = { status: filter.status, rule: filter.rule, day: filter.day, actorUserId: filter.actorUserId };
    const [rows, total] = await Promise.all([repo.listFindings(this.db, f, filter.limit, filter.offset), repo.countFindings(this.db, f)]);
    return { items: rows.map(toFinding), total };
  }

  async findingReviews(id: string): Promise<StoredFindingReview[]> {
    if (!(await repo.findFinding(this.db, id))) throw new NotFound('audit.finding_not_found', { id });
    const rows = await repo.listFindingReviews(this.db, id);
    return rows.map((r) => ({ ...r, fromStatus: r.fromStatus as FindingStatus, toStatus: r.toStatus as FindingStatus }));
  }

  /**
   * An auditor's conclusion on a finding. It may be changed later, but every change is a row in
   * `audit_finding_reviews` and an access-log entry in the same transaction; nothing is overwritten
   * unrecorded. Nobody reviews findings about themselves (separation of duties).
   */
  async markFinding(ctx: RequestContext, id: string, status: 'confirmed' | 'dismissed', note: string): Promise<StoredFinding> {
    const reviewer = ctx.actor?.userId;
    if (!reviewer) throw new Forbidden('audit.reviewer_required');
    const text = note.trim();
    if (text.length < MIN_NOTE) throw new InvalidInput('audit.review_note_required', 'note', 'too_short', { minLength: MIN_NOTE });
    return inTransaction(this.db, async (tx) => {
      const finding = await repo.findFinding(tx, id);
      if (!finding) throw new NotFound('audit.finding_not_found', { id });
      if (finding.actorUserId === reviewer) throw new Forbidden('audit.review_own_finding', { id });
      const reviewedAt = this.clock.now().toISOString();
      const changed = await repo.updateFindingReview(tx, id, Number(finding.version), { status, reviewedBy: reviewer, reviewedAt, reviewNote: text });
      if (changed === 0) throw new Conflict('audit.finding_changed', { id });
      const reviewId = newId();
      await repo.insertFindingReview(tx, { id: reviewId, findingId: id, fromStatus: finding.status, toStatus: status, note: text, reviewedBy: reviewer, reviewedAt });
      await this.audit.recordIn(tx, ctx, {
        action: 'audit.finding_review',
        subject: { kind: 'user', id: finding.actorUserId },
        data: { findingId: id, reviewId, rule: finding.rule, day: finding.day, from: finding.status, to: status },
        result: 'ok',
      });
      return toFinding((await repo.findFinding(tx, id))!);
    });
  }

  async listRuns(limit = 50, offset = 0): Promise<ReviewRun[]> {
    return (await repo.listRuns(this.db, limit, offset)).map(toRun);
  }

  private async loadRules(): Promise<LoadedRules> {
    const rows = await repo.listRules(this.db);
    const loaded: Partial<Record<RuleKey, { params: unknown; version: number }>> = {};
    for (const row of rows) {
      if (!isRuleKey(row.key)) continue;
      const params: unknown = JSON.parse(row.params);
      const problem = ruleParamsProblem(row.key, params);
      if (problem) throw new Error(`audit review rule "${row.key}" has unusable params (${problem}); fix the row in audit_review_rules`);
      loaded[row.key] = { params, version: Number(row.version) };
    }
    for (const key of RULE_KEYS) {
      if (!loaded[key]) throw new Error(`audit review rule "${key}" is not seeded; call ReviewService.seedRules() at start-up`);
    }
    return loaded as LoadedRules;
  }

  private async examples(f: repo.ReadFilter, actorUserId: string): Promise<string[]> {
    return repo.exampleEntryIds(this.db, f, actorUserId, EXAMPLES);
  }

  private async volumeSpikes(day: string, rule: LoadedRules['volume_spike']): Promise<Candidate[]> {
    const p = rule.params;
    const today: repo.ReadFilter = { windows: [dayWindow(day)] };
    const busy = (await repo.countReadsByActor(this.db, today)).filter((a) => a.reads >= p.minReads);
    if (busy.length === 0) return [];
    const baselineWindow: Window = daysBeforeWindow(day, p.baselineDays);
    const baseline = new Map(
      (await repo.countReadsByActor(this.db, { windows: [baselineWindow] }, busy.map((a) => a.actorUserId))).map((a) => [a.actorUserId, a.reads]),
    );
    const out: Candidate[] = [];
    for (const a of busy) {
      const baselineReads = baseline.get(a.actorUserId) ?? 0;
      if (!isVolumeSpike(a.reads, baselineReads, p)) continue;
      out.push({
        rule: 'volume_spike',
        actorUserId: a.actorUserId,
        details: {
          actorRole: a.actorRole,
          reads: a.reads,
          baselineReads,
          baselineDays: p.baselineDays,
          baselineMeanPerDay: Math.round((baselineReads / p.baselineDays) * 100) / 100,
          baselineFrom: baselineWindow.from,
          factor: p.factor,
          minReads: p.minReads,
          firstAt: a.firstAt,
          lastAt: a.lastAt,
          exampleEntryIds: await this.examples(today, a.actorUserId),
        },
      });
    }
    return out;
  }

  private async offHours(day: string, rule: LoadedRules['off_hours']): Promise<Candidate[]> {
    const p = rule.params;
    const filter: repo.ReadFilter = { windows: offHoursWindows(day, p) };
    const isWorkingWeekday = p.workingWeekdays.includes(isoWeekday(day));
    const out: Candidate[] = [];
    for (const a of await repo.countReadsByActor(this.db, filter)) {
      if (a.reads < p.minReads) continue;
      out.push({
        rule: 'off_hours',
        actorUserId: a.actorUserId,
        details: {
          actorRole: a.actorRole,
          reads: a.reads,
          isWorkingWeekday,
          workdayStart: p.workdayStart,
          workdayEnd: p.workdayEnd,
          workingWeekdays: p.workingWeekdays,
          minReads: p.minReads,
          firstAt: a.firstAt,
          lastAt: a.lastAt,
          exampleEntryIds: await this.examples(filter, a.actorUserId),
        },
      });
    }
    return out;
  }

  private async withoutPurpose(day: string, rule: LoadedRules['no_purpose']): Promise<Candidate[]> {
    const p = rule.params;
    const filter: repo.ReadFilter = { windows: [dayWindow(day)], withoutPurpose: true };
    const out: Candidate[] = [];
    for (const a of await repo.countReadsByActor(this.db, filter)) {
      if (a.reads < p.minReads) continue;
      out.push({
        rule: 'no_purpose',
        actorUserId: a.actorUserId,
        details: { actorRole: a.actorRole, reads: a.reads, minReads: p.minReads, firstAt: a.firstAt, lastAt: a.lastAt, exampleEntryIds: await this.examples(filter, a.actorUserId) },
      });
    }
    return out;
  }

  private async manySubjects(day: string, rule: LoadedRules['many_subjects']): Promise<Candidate[]> {
    const p = rule.params;
    const filter: repo.ReadFilter = { windows: [dayWindow(day)] };
    const out: Candidate[] = [];
    for (const a of await repo.countReadsByActor(this.db, filter)) {
      if (a.persons < p.threshold) continue;
      out.push({
        rule: 'many_subjects',
        actorUserId: a.actorUserId,
        details: {
          actorRole: a.actorRole,
          distinctPersons: a.persons,
          reads: a.reads,
          threshold: p.threshold,
          firstAt: a.firstAt,
          lastAt: a.lastAt,
          exampleEntryIds: await this.examples(filter, a.actorUserId),
        },
      });
    }
    return out;
  }
}
