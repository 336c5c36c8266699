import type { Clock } from '../../shared/clock.ts';
import { shanghaiDate } from '../../shared/clock.ts';
import { systemContext, type RequestContext } from '../../shared/context.ts';
import { Conflict, InvalidInput, NotFound } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { maskPersonName } from '../../shared/masking.ts';
import { inTransaction, type Db, type Executor } from '../../db/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { StandingEntry, SubjectRef } from '../lists/standing.ts';
import { matchMeasures, type ItemFacts } from './matching.ts';
import * as repo from './repo.ts';
import type { SanctionRules } from './rules.ts';
import type { Dashboard, StatsRow, Task, TaskStatus } from './schema.ts';
import type { MeasureBook, SanctionsDeps } from './service.ts';

export type AddWorkingDays = (date: string, days: number) => Promise<string>;

/** A list entry that has just become in force, as the lists module announces it. */
export type ListedEntry = StandingEntry & { subject: SubjectRef };

/** The lists module's feed of entries in force (`listEntriesInForce`), for the idempotent reconcile. */
export interface EntryFeed {
  listEntriesInForce(query: { changedSince?: string; limit: number }): Promise<Array<ListedEntry & { updatedAt: string }>>;
}

const RECONCILE_PAGE = 200;

/**
 * The joint reward and punishment workflow 发起 → 响应 → 惩戒/激励 → 反馈 (国发〔2016〕33号): a listing
 * initiates one task per department implementing a matching measure; the department acknowledges
 * it within the seeded working days, records each measure applied, and closes it with feedback.
 * Every step is an event row with who, when and why, written with its access-log entry.
 */
export class SanctionsWorkflow {
  /** The newest `updatedAt` the reconcile has seen (per process; the reconcile is idempotent anyway). */
  private reconciledUpTo: string | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly deps: SanctionsDeps,
    private readonly rules: SanctionRules,
    private readonly cache: { book(): Promise<MeasureBook>; itemFacts(): Promise<Map<string, ItemFacts>> },
  ) {}

  private today(): string {
    return shanghaiDate(this.clock.now());
  }

  // -------------------------------------------------------------------------------------------
  // 发起

  /**
   * Creates the tasks a newly listed entry initiates: one per department that implements a
   * measure the entry triggers (measures without a registered department here get none).
   * Idempotent: a department already tasked for the entry is skipped. Returns the tasks created.
   */
  async initiate(entry: ListedEntry): Promise<number> {
    const [book, items, departments] = await Promise.all([this.cache.book(), this.cache.itemFacts(), this.deps.accounts.listDepartments()]);
    const today = this.today();
    const active = book.measures.filter((m) => m.active && book.memoranda.get(m.memorandumCode)?.active === true);
    const { subject, ...standingEntry } = entry;
    // The entry alone: only its list triggers can match (no records, no clean status).
    const matched = matchMeasures(active, {
      subjectType: subject.type,
      standing: { subject, asOf: today, entries: [{ ...standingEntry, via: null }], cleanForYears: false, lastBadRecordOn: null },
      records: [],
      items,
      today,
      rewardsWithheldWhileListed: false,
    });
    const byOrgCode = new Map(departments.map((d) => [d.orgCode, d]));
    const byDepartment = new Map<string, typeof matched>();
    for (const m of matched) {
      const department = m.measure.implementingDepartment.orgCode === null ? undefined : byOrgCode.get(m.measure.implementingDepartment.orgCode);
      if (department) byDepartment.set(department.id, [...(byDepartment.get(department.id) ?? []), m]);
    }
    const tasked = new Set((await repo.findTasksOfEntry(this.db, entry.entryId)).map((t) => t.departmentId));
    const due = [...byDepartment.keys()].filter((id) => !tasked.has(id));
    if (due.length === 0) return 0;

    const label = await this.subjectLabel(entry);
    const acknowledgeDueOn = await this.deps.addWorkingDays(today, this.rules.acknowledgeWorkingDays);
    const at = this.clock.now().toISOString();
    const ctx = systemContext('job', '联合奖惩发起 joint reward and punishment initiated by a listing');
    return inTransaction(this.db, async (tx) => {
      let created = 0;
      for (const departmentId of due) {
        const id = newId();
        const row: repo.TaskRow = {
          id,
          entryId: entry.entryId,
          listKind: entry.list,
          category: entry.category,
          subjectType: subject.type,
          subjectId: subject.id,
          subjectLabel: label,
          departmentId,
          status: 'initiated',
          version: 1,
          initiatedAt: at,
          acknowledgeDueOn,
          acknowledgedAt: null,
          closedAt: null,
        };
        // A concurrent listener or reconcile may have created it: the unique key decides.
        if (!(await repo.insertTaskIfAbsent(tx, row))) continue;
        const measures = byDepartment.get(departmentId)!;
        await repo.insertTaskMeasures(
          tx,
          measures.map(({ measure }) => ({ taskId: id, measureCode: measure.code, memorandumCode: measure.memorandumCode, kind: measure.kind, name: measure.name })),
        );
        await repo.insertTaskEvent(tx, { id: newId(), taskId: id, kind: 'initiate', at, byUserId: null, note: null, data: JSON.stringify({ entryId: entry.entryId, measures: measures.map((m) => m.measure.code) }) });
        await this.audit.recordIn(tx, ctx, {
          action: 'sanctions.task_initiate',
          subject: { kind: subject.type, id: subject.id },
          data: { taskId: id, entryId: entry.entryId, departmentId, measures: measures.map((m) => m.measure.code), acknowledgeDueOn },
          result: 'ok',
        });
        created += 1;
      }
      return created;
    });
  }

  /** The subject's name as the workbench shows it (persons masked), from a record the entry rests on. */
  private async subjectLabel(entry: ListedEntry): Promise<string> {
    const facts = await this.deps.records.subjectFacts(entry.subject.type === 'person' ? { personId: entry.subject.id } : { organizationId: entry.subject.id });
    const fact = facts.find((f) => entry.recordIds.includes(f.recordId)) ?? facts[0];
    if (!fact) return entry.subject.type === 'person' ? '自然人' : '组织';
    return entry.subject.type === 'person' ? maskPersonName(fact.subjectName) : fact.subjectName;
  }

  /**
   * Makes good any listing whose announcement was missed (a crash, a listener failure): pages
   * through the entries in force changed since the last run and initiates what is missing.
   */
  async reconcile(feed: EntryFeed): Promise<number> {
    let created = 0;
    for (;;) {
      const page = await feed.listEntriesInForce({ ...(this.reconciledUpTo ? { changedSince: this.reconciledUpTo } : {}), limit: RECONCILE_PAGE });
      for (const entry of page) {
        created += await this.initiate(entry);
        this.reconciledUpTo = entry.updatedAt;
      }
      if (page.length < RECONCILE_PAGE) return created;
    }
  }

  // -------------------------------------------------------------------------------------------
  // 响应 → 惩戒/激励 → 反馈

  private departmentOf(ctx: RequestContext): string | null {
    return ctx.actor?.departmentId ?? null;
  }

  async listTasks(ctx: RequestContext, filter: { status?: TaskStatus; limit?: number; offset?: number }): Promise<{ items: Task[]; total: number }> {
    const departmentId = this.departmentOf(ctx);
    if (departmentId === null) return { items: [], total: 0 };
    const { rows, total } = await repo.listTasks(this.db, { departmentId, ...(filter.status ? { status: filter.status } : {}) }, filter.limit ?? 50, filter.offset ?? 0);
    return { items: await this.toTasks(this.db, rows), total };
  }

  /** One of the department's tasks; another department's answers 404 like a missing one. */
  async getTask(ctx: RequestContext, id: string): Promise<Task> {
    const row = await this.ownTask(this.db, ctx, id);
    return (await this.toTasks(this.db, [row]))[0]!;
  }

  private async ownTask(db: Executor, ctx: RequestContext, id: string): Promise<repo.TaskRow> {
    const row = await repo.findTask(db, id);
    if (!row || row.departmentId !== this.departmentOf(ctx)) throw new NotFound('sanctions.task_not_found');
    return row;
  }

  /** 响应: the department acknowledges the task (from `initiated`). */
  acknowledge(ctx: RequestContext, id: string, body: { expectedVersion: number; note?: string }): Promise<Task> {
    return this.advance(ctx, id, body.expectedVersion, ['initiated'], 'acknowledged', 'acknowledge', body.note ?? null, null);
  }

  /** 惩戒/激励: records one measure applied, with what was done. */
  recordApplication(ctx: RequestContext, id: string, body: { expectedVersion: number; measureCode: string; outcome: string }): Promise<Task> {
    return this.advance(ctx, id, body.expectedVersion, ['acknowledged', 'applied'], 'applied', 'apply', body.outcome, async (tx, row) => {
      const measure = (await repo.listTaskMeasures(tx, [row.id])).find((m) => m.measureCode === body.measureCode);
      if (!measure) throw new InvalidInput('sanctions.measure_not_in_task', 'measureCode', 'not_in_task', { value: body.measureCode });
      const book = await this.cache.book();
      const implementingOrgCode = book.measures.find((m) => m.code === measure.measureCode)?.implementingDepartment.orgCode ?? null;
      await repo.insertApplications(tx, [
        {
          id: newId(),
          source: 'task',
          decisionId: null,
          taskId: row.id,
          measureCode: measure.measureCode,
          memorandumCode: measure.memorandumCode,
          implementingOrgCode,
          departmentId: row.departmentId,
          outcome: body.outcome.trim(),
          recordedBy: ctx.actor?.userId ?? null,
          recordedAt: this.clock.now().toISOString(),
        },
      ]);
      return { measureCode: measure.measureCode };
    });
  }

  /** 反馈: closes the loop with the department's feedback (after acknowledging, with or without applications). */
  close(ctx: RequestContext, id: string, body: { expectedVersion: number; note: string }): Promise<Task> {
    return this.advance(ctx, id, body.expectedVersion, ['acknowledged', 'applied'], 'closed', 'feedback', body.note, null);
  }

  private async advance(
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    from: TaskStatus[],
    to: TaskStatus,
    kind: 'acknowledge' | 'apply' | 'feedback',
    note: string | null,
    effect: ((tx: Executor, row: repo.TaskRow) => Promise<Record<string, unknown>>) | null,
  ): Promise<Task> {
    const at = this.clock.now().toISOString();
    const row = await inTransaction(this.db, async (tx) => {
      const row = await this.ownTask(tx, ctx, id);
      if (row.version !== expectedVersion) throw new Conflict('sanctions.task_changed', { currentVersion: row.version, expectedVersion });
      if (!from.includes(row.status as TaskStatus)) throw new Conflict('sanctions.task_state', { status: row.status, action: kind });
      const data = effect ? await effect(tx, row) : null;
      const changes = {
        status: to,
        version: row.version + 1,
        ...(kind === 'acknowledge' ? { acknowledgedAt: at } : {}),
        ...(kind === 'feedback' ? { closedAt: at } : {}),
      };
      if (!(await repo.updateTaskIfVersion(tx, id, expectedVersion, changes))) throw new Conflict('sanctions.task_changed', { currentVersion: null, expectedVersion });
      await repo.insertTaskEvent(tx, { id: newId(), taskId: id, kind, at, byUserId: ctx.actor?.userId ?? null, note: note?.trim() || null, data: data ? JSON.stringify(data) : null });
      await this.audit.recordIn(tx, ctx, {
        action: `sanctions.task_${kind}`,
        subject: { kind: row.subjectType as 'person' | 'organization', id: row.subjectId },
        data: { taskId: id, from: row.status, to, ...(data ?? {}) },
        result: 'ok',
      });
      return { ...row, ...changes };
    });
    return (await this.toTasks(this.db, [row]))[0]!;
  }

  private async toTasks(db: Executor, rows: repo.TaskRow[]): Promise<Task[]> {
    const ids = rows.map((r) => r.id);
    const [measures, events, departments] = await Promise.all([repo.listTaskMeasures(db, ids), repo.listTaskEvents(db, ids), this.deps.accounts.listDepartments()]);
    const names = new Map(departments.map((d) => [d.id, d.name]));
    const today = this.today();
    return rows.map((r) => ({
      id: r.id,
      entryId: r.entryId,
      list: r.listKind,
      category: r.category,
      subjectType: r.subjectType as Task['subjectType'],
      subjectLabel: r.subjectLabel,
      departmentId: r.departmentId,
      departmentName: names.get(r.departmentId) ?? '',
      measures: measures.filter((m) => m.taskId === r.id).map((m) => ({ code: m.measureCode, name: m.name, kind: m.kind as 'reward' | 'punishment', memorandumCode: m.memorandumCode })),
      status: r.status as TaskStatus,
      version: r.version,
      initiatedAt: r.initiatedAt,
      acknowledgeDueOn: r.acknowledgeDueOn,
      isOverdue: r.status === 'initiated' && r.acknowledgeDueOn < today,
      acknowledgedAt: r.acknowledgedAt,
      closedAt: r.closedAt,
      events: events
        .filter((e) => e.taskId === r.id)
        .map((e) => ({ kind: e.kind, at: e.at, by: e.byUserId, note: e.note, data: e.data ? (JSON.parse(e.data) as unknown) : null })),
    }));
  }

  // -------------------------------------------------------------------------------------------
  // Dashboard

  /** Per memorandum and per implementing department: entries, checks, hits, measures applied, feedback rate, overdue acknowledgements. */
  async dashboard(): Promise<Dashboard> {
    const today = this.today();
    const [book, departments, hitsByMemo, hitsByOrg, appsByMemo, appsByOrg, tasksByMemo, tasksByDept, totals] = await Promise.all([
      this.cache.book(),
      this.deps.accounts.listDepartments(),
      repo.hitCounts(this.db, 'memorandumCode'),
      repo.hitCounts(this.db, 'implementingOrgCode'),
      repo.applicationCounts(this.db, 'memorandumCode'),
      repo.applicationCounts(this.db, 'implementingOrgCode'),
      repo.taskCountsByMemorandum(this.db, today),
      repo.taskCountsByDepartment(this.db, today),
      repo.decisionTotals(this.db),
    ]);
    const row = (key: string, name: string, h: { checks: number; hits: number; withFeedback: number } | undefined, applied: number, t: { entries: number; overdue: number } | undefined): StatsRow => ({
      key,
      name,
      entries: t?.entries ?? 0,
      checks: h?.checks ?? 0,
      hits: h?.hits ?? 0,
      measuresApplied: applied,
      feedbackRate: h && h.checks > 0 ? Math.round((h.withFeedback / h.checks) * 10_000) / 10_000 : 0,
      overdueAcknowledgements: t?.overdue ?? 0,
    });
    const memoranda = [...book.memoranda.values()].map((m) =>
      row(
        m.code,
        m.name,
        hitsByMemo.find((h) => h.key === m.code),
        appsByMemo.find((a) => a.key === m.code)?.n ?? 0,
        tasksByMemo.find((t) => t.key === m.code),
      ),
    );
    const implementing = new Set(book.measures.map((m) => m.implementingDepartment.orgCode));
    const departmentRows = departments
      .filter((d) => implementing.has(d.orgCode) || tasksByDept.some((t) => t.key === d.id))
      .map((d) =>
        row(
          d.id,
          d.name,
          hitsByOrg.find((h) => h.key === d.orgCode),
          appsByOrg.find((a) => a.key === d.orgCode)?.n ?? 0,
          tasksByDept.find((t) => t.key === d.id),
        ),
      );
    return {
      asOf: today,
      totals: {
        ...totals,
        tasks: tasksByDept.reduce((n, t) => n + t.tasks, 0),
        overdueAcknowledgements: tasksByDept.reduce((n, t) => n + t.overdue, 0),
      },
      memoranda,
      departments: departmentRows,
    };
  }
}
