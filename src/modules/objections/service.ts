import type { Clock } from '../../shared/clock.ts';
import { shanghaiDate } from '../../shared/clock.ts';
import type { RequestContext } from '../../shared/context.ts';
import { Conflict, InvalidInput, NotFound } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { inTransaction, type Db } from '../../db/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { AccountsService } from '../accounts/index.ts';
import type { RecordsService } from '../records/index.ts';
import type { ListsService } from '../lists/index.ts';
import type { DisclosureService } from '../disclosure/index.ts';
import * as repo from './repo.ts';
import { objectionRules, type ObjectionRules } from './rules.ts';
import type { DecideBody, DepartmentErrorStats, FileBody, Objection, ObjectionKind, Outcome, Target } from './schema.ts';

export type AddWorkingDays = (date: string, days: number) => Promise<string>;

export interface ObjectionsDeps {
  records: RecordsService;
  lists: ListsService;
  disclosure: DisclosureService;
  accounts: AccountsService;
  addWorkingDays: AddWorkingDays;
  rules?: ObjectionRules;
}

interface Located {
  subjectKind: 'person' | 'organization';
  subjectId: string;
  departmentId: string;
}

const key = (kind: string, id: string) => `${kind}:${id}`;

/**
 * Objections and corrections (异议、纠错, issue 7; 《河南省社会信用条例》Art. 41, 42; policy (四)9,
 * (四)10): a subject objects to one of their records or list entries, or a department or the
 * platform opens a correction; the case goes to the source department with working-day
 * deadlines; while pending the item is marked 异议处理中 and, where the rules say so, withdrawn
 * from public disclosure; the outcome is upheld, corrected (a new record version) or revoked.
 */
export class ObjectionsService {
  private readonly rules: ObjectionRules;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly deps: ObjectionsDeps,
  ) {
    this.rules = deps.rules ?? objectionRules;
  }

  private today(): string {
    return shanghaiDate(this.clock.now());
  }

  // -------------------------------------------------------------------------------------------
  // Filing

  /** The citizen objects to one of their own records or list entries; someone else's answers 404. */
  async file(ctx: RequestContext, body: FileBody): Promise<Objection> {
    const personId = ctx.actor?.personId ?? null;
    if (personId === null) throw new NotFound('objections.no_own_person');
    const located = await this.locate(ctx, body.target, 'own');
    if (located.subjectKind !== 'person' || located.subjectId !== personId) throw new NotFound('objections.target_not_found');
    // Art. 41: the source department must verify → 7 working days, its answer within 3.
    return this.create(ctx, 'objection', body, located, this.rules.providerVerifiesWorkingDays);
  }

  /** A department (its own records and entries) or the platform (any) opens a correction on its own. */
  async open(ctx: RequestContext, body: FileBody): Promise<Objection> {
    const located = await this.locate(ctx, body.target, 'department');
    // Opened by the source department itself or the platform: nothing to wait for, the platform deadline.
    return this.create(ctx, 'correction', body, located, this.rules.platformDecidesWorkingDays);
  }

  private async locate(ctx: RequestContext, target: Target, as: 'own' | 'department'): Promise<Located> {
    if (target.kind === 'record') {
      const fact = await this.deps.records.recordFact(target.id);
      const scope = ctx.actor?.departmentId ?? null;
      if (!fact || (as === 'department' && scope !== null && fact.departmentId !== scope)) throw new NotFound('objections.target_not_found');
      return fact.personId !== null
        ? { subjectKind: 'person', subjectId: fact.personId, departmentId: fact.departmentId }
        : { subjectKind: 'organization', subjectId: fact.organizationId!, departmentId: fact.departmentId };
    }
    try {
      // Scoped by lists: the citizen's own entry, or the department's (the platform: any).
      const { entry } = as === 'own' ? await this.deps.lists.getMine(ctx, target.id) : await this.deps.lists.getEntry(ctx, target.id);
      return { subjectKind: entry.subjectType, subjectId: entry.subjectId, departmentId: entry.departmentId };
    } catch (err) {
      if (err instanceof NotFound) throw new NotFound('objections.target_not_found');
      throw err;
    }
  }

  private async create(ctx: RequestContext, kind: ObjectionKind, body: FileBody, located: Located, workingDays: number): Promise<Objection> {
    const reasons = body.reasons.trim();
    if (reasons.length < this.rules.minReasonLength) throw new InvalidInput('objections.reasons_too_short', 'reasons', 'too_short', { minLength: this.rules.minReasonLength });
    const pending = await repo.findPendingOn(this.db, body.target.kind, body.target.id);
    if (pending) throw new Conflict('objections.already_pending', { objectionId: pending.id });
    const now = this.clock.now();
    const filedOn = shanghaiDate(now);
    const id = newId();
    // Art. 41: marked at once; withdrawn from public disclosure meanwhile when the rules say so.
    const suspension = this.rules.suspendDisclosureWhilePending
      ? await this.deps.disclosure.suspend(ctx, { target: body.target, reason: 'objection', note: `异议处理中 ${id}` })
      : null;
    const row: repo.ObjectionRow = {
      id,
      kind,
      targetKind: body.target.kind,
      targetId: body.target.id,
      subjectKind: located.subjectKind,
      subjectId: located.subjectId,
      departmentId: located.departmentId,
      reasons,
      status: 'pending',
      filedOn,
      providerDueOn: await this.deps.addWorkingDays(filedOn, Math.min(this.rules.providerAnswersWorkingDays, workingDays)),
      dueOn: await this.deps.addWorkingDays(filedOn, workingDays),
      suspensionId: suspension?.id ?? null,
      outcome: null,
      outcomeNote: null,
      decidedAt: null,
      decidedOn: null,
      decidedBy: null,
      correctedVersion: null,
      wrongVersion: null,
      wrongDepartmentId: null,
      wrongRecordedBy: null,
      version: 1,
      createdAt: now.toISOString(),
      createdBy: ctx.actor?.userId ?? null,
    };
    const action = kind === 'objection' ? 'file' : 'open';
    await inTransaction(this.db, async (tx) => {
      await repo.insertObjection(tx, row, { id: newId(), objectionId: id, action, note: reasons, at: row.createdAt, by: row.createdBy });
      await this.audit.recordIn(tx, ctx, {
        action: `objections.${action}`,
        subject: { kind: located.subjectKind, id: located.subjectId },
        data: { objectionId: id, target: body.target, departmentId: located.departmentId, dueOn: row.dueOn, suspended: suspension !== null },
        result: 'ok',
      });
    });
    return (await this.toObjections([row]))[0]!;
  }

  // -------------------------------------------------------------------------------------------
  // Deciding

  /**
   * The source department (or the platform) decides: upheld (unchanged, with reasons), corrected
   * (a new record version; who recorded the wrong one is kept for the error statistics), or revoked
   * (the entry leaves its list, a record is withdrawn from disclosure for good — Art. 42). The
   * pending suspension is lifted in every case. The effects go through the owning modules, each
   * in its own transaction, before the decision commits: a failure leaves the case pending.
   */
  async decide(ctx: RequestContext, id: string, body: DecideBody): Promise<Objection> {
    const row = await this.departmentCase(ctx, id);
    if (row.status !== 'pending') throw new Conflict('objections.already_decided', { decidedOn: row.decidedOn });
    if (row.version !== body.version) throw new Conflict('objections.changed', { version: row.version });
    const outcome: Outcome = body.outcome;
    const changes = body.changes ?? {};
    if (outcome === 'corrected' && row.targetKind !== 'record') throw new InvalidInput('objections.correction_needs_record', 'outcome', 'not_a_record');
    if (outcome === 'corrected' && Object.keys(changes).length === 0) throw new InvalidInput('objections.changes_required', 'changes', 'required');
    const target = { kind: row.targetKind as Target['kind'], id: row.targetId };
    const change: Partial<repo.ObjectionRow> = {};
    if (outcome === 'corrected') {
      const corrected = await this.deps.records.correctRecord(ctx, row.targetId, { changes, reason: `异议 ${row.id}：${body.note}` });
      Object.assign(change, {
        correctedVersion: corrected.version,
        wrongVersion: corrected.wrong.version,
        wrongDepartmentId: corrected.wrong.departmentId,
        wrongRecordedBy: corrected.wrong.recordedBy,
      });
    } else if (outcome === 'revoked') {
      if (target.kind === 'entry') await this.deps.lists.removeEntry(ctx, target.id, { reason: 'revocation', note: `异议 ${row.id}：${body.note}` });
      else await this.deps.disclosure.suspend(ctx, { target, reason: 'correction', note: `异议 ${row.id} 撤销：${body.note}` });
      change.wrongDepartmentId = row.departmentId;
    }
    if (row.suspensionId !== null) await this.deps.disclosure.lift(ctx, row.suspensionId, `异议 ${row.id} 已处理：${outcome}`);
    const now = this.clock.now();
    Object.assign(change, { status: 'decided', outcome, outcomeNote: body.note, decidedAt: now.toISOString(), decidedOn: shanghaiDate(now), decidedBy: ctx.actor?.userId ?? null });
    await inTransaction(this.db, async (tx) => {
      const event = { id: newId(), objectionId: row.id, action: 'decide', note: `${outcome}：${body.note}`, at: now.toISOString(), by: ctx.actor?.userId ?? null };
      if (!(await repo.decide(tx, row.id, row.version, change, event))) throw new Conflict('objections.changed', { version: row.version + 1 });
      await this.audit.recordIn(tx, ctx, {
        action: 'objections.decide',
        subject: { kind: row.subjectKind as 'person' | 'organization', id: row.subjectId },
        data: { objectionId: row.id, outcome, target, correctedVersion: change.correctedVersion ?? null, overdue: shanghaiDate(now) > row.dueOn },
        result: 'ok',
      });
    });
    return (await this.toObjections([(await repo.findObjection(this.db, row.id))!]))[0]!;
  }

  // -------------------------------------------------------------------------------------------
  // Reading

  private async departmentCase(ctx: RequestContext, id: string): Promise<repo.ObjectionRow> {
    const row = await repo.findObjection(this.db, id);
    const scope = ctx.actor?.departmentId ?? null;
    if (!row || (scope !== null && row.departmentId !== scope)) throw new NotFound('objections.not_found');
    return row;
  }

  /** The signed-in citizen's objections with their history and reasons (a self-query). */
  async listMine(ctx: RequestContext): Promise<{ items: Objection[] }> {
    const personId = ctx.actor?.personId ?? null;
    if (personId === null) throw new NotFound('objections.no_own_person');
    const rows = await repo.listObjections(this.db, { subjectKind: 'person', subjectId: personId });
    await this.audit.record(ctx, { action: 'objections.own_read', subject: { kind: 'person', id: personId }, data: { count: rows.length }, result: 'ok' });
    return { items: await this.toObjections(rows) };
  }

  /** The department's cases (the platform: all), pending first with overdue ones flagged. */
  async queue(ctx: RequestContext, query: { status?: 'pending' | 'decided' } = {}): Promise<{ items: Objection[] }> {
    const scope = ctx.actor?.departmentId ?? null;
    const rows = await repo.listObjections(this.db, { ...(scope !== null ? { departmentId: scope } : {}), ...(query.status ? { status: query.status } : {}) });
    await Promise.all(
      rows.map((r) => this.audit.record(ctx, { action: 'objections.read', subject: { kind: r.subjectKind as 'person' | 'organization', id: r.subjectId }, data: { objectionId: r.id }, result: 'ok' })),
    );
    const items = await this.toObjections(rows);
    return { items: items.sort((a, b) => Number(b.status === 'pending') - Number(a.status === 'pending') || a.dueOn.localeCompare(b.dueOn)) };
  }

  async get(ctx: RequestContext, id: string): Promise<Objection> {
    const row = await this.departmentCase(ctx, id);
    await this.audit.record(ctx, { action: 'objections.read', subject: { kind: row.subjectKind as 'person' | 'organization', id: row.subjectId }, data: { objectionId: id }, result: 'ok' });
    return (await this.toObjections([row]))[0]!;
  }

  /**
   * Which of these records and entries have an objection pending: reports mark them 异议处理中
   * (Art. 41). Keys are `record:<id>` / `entry:<id>`. Not an audited read (no personal data).
   */
  async pendingAmong(targets: readonly Target[]): Promise<Set<string>> {
    const wanted = new Set(targets.map((x) => key(x.kind, x.id)));
    const rows = await repo.listPendingAmong(this.db, targets);
    return new Set(rows.map((r) => key(r.targetKind, r.targetId)).filter((k) => wanted.has(k)));
  }

  /** Which of these records have an objection pending (the report builder's question). */
  async pendingOnRecords(recordIds: readonly string[]): Promise<Set<string>> {
    if (recordIds.length === 0) return new Set();
    const pending = await this.pendingAmong(recordIds.map((id) => ({ kind: 'record' as const, id })));
    return new Set(recordIds.filter((id) => pending.has(key('record', id))));
  }

  /**
   * Per department: cases received, pending, overdue, outcomes, and the wrong information it
   * recorded (corrected or revoked) — policy (四)9: whoever records wrong information is accountable.
   */
  async stats(): Promise<{ departments: DepartmentErrorStats[] }> {
    const today = this.today();
    const names = new Map((await this.deps.accounts.listDepartments()).map((d) => [d.id, d.name]));
    const by = new Map<string, DepartmentErrorStats>();
    const of = (id: string) => {
      let s = by.get(id);
      if (!s) by.set(id, (s = { departmentId: id, departmentName: names.get(id) ?? '', received: 0, pending: 0, overdue: 0, upheld: 0, corrected: 0, revoked: 0, errors: 0 }));
      return s;
    };
    for (const r of await repo.listForStats(this.db)) {
      const s = of(r.departmentId);
      s.received += 1;
      if (r.status === 'pending') {
        s.pending += 1;
        if (today > r.dueOn) s.overdue += 1;
      } else s[r.outcome as Outcome] += 1;
      if (r.wrongDepartmentId !== null) of(r.wrongDepartmentId).errors += 1;
    }
    return { departments: [...by.values()].sort((a, b) => b.errors - a.errors || b.received - a.received || a.departmentName.localeCompare(b.departmentName, 'zh')) };
  }

  private async toObjections(rows: repo.ObjectionRow[]): Promise<Objection[]> {
    const today = this.today();
    const names = new Map((await this.deps.accounts.listDepartments()).map((d) => [d.id, d.name]));
    const events = await repo.listEvents(this.db, rows.map((r) => r.id));
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as ObjectionKind,
      target: { kind: r.targetKind as Target['kind'], id: r.targetId },
      subjectKind: r.subjectKind as 'person' | 'organization',
      subjectId: r.subjectId,
      departmentId: r.departmentId,
      departmentName: names.get(r.departmentId) ?? '',
      reasons: r.reasons,
      status: r.status as 'pending' | 'decided',
      filedOn: r.filedOn,
      providerDueOn: r.providerDueOn,
      dueOn: r.dueOn,
      overdue: r.status === 'pending' && today > r.dueOn,
      disclosureSuspended: r.status === 'pending' && r.suspensionId !== null,
      outcome: r.outcome as Outcome | null,
      outcomeNote: r.outcomeNote,
      decidedOn: r.decidedOn,
      correctedVersion: r.correctedVersion,
      wrongVersion: r.wrongVersion,
      wrongDepartmentId: r.wrongDepartmentId,
      version: r.version,
      events: events.filter((e) => e.objectionId === r.id).map((e) => ({ action: e.action, note: e.note, at: e.at, by: e.by })),
    }));
  }
}
