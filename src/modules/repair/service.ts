import path from 'node:path';
import { inTransaction, unlessDuplicate, type Db, type Tx } from '../../db/index.ts';
import { shanghaiDate, type Clock } from '../../shared/clock.ts';
import { systemContext, type RequestContext } from '../../shared/context.ts';
import { escalationNote, overdueAmong, writeEscalations, type OverdueAmong, type OverdueCase } from '../../shared/escalation.ts';
import { Conflict, NotFound } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { checkEvidenceFiles, planStoredFiles, storedFilePath, storeFilesThen } from '../../shared/evidence-files.ts';
import type { AuditLog } from '../audit/index.ts';
import type { CatalogService, Severity } from '../catalog/index.ts';
import type { DisclosureService } from '../disclosure/index.ts';
import type { ExchangeService } from '../exchange/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { ListsService } from '../lists/index.ts';
import type { RecordsService, SubjectRecordFact } from '../records/index.ts';
import { computeRepairEligibility, type Eligibility, type RepairRules } from './eligibility.ts';
import * as repo from './repo.ts';
import { repairFileLimits, repairRules } from './rules.ts';
import type { Application, ApplicationStatus, ApplyRequest, RepairEvidence, RepairFilePurpose, RepairRequest } from './schema.ts';

export interface RepairDeps {
  records: Pick<RecordsService, 'subjectFacts'>;
  catalog: Pick<CatalogService, 'get'>;
  identity: Pick<IdentityService, 'birthDatesOf'>;
  lists: Pick<ListsService, 'removeEntriesRestingOn'>;
  disclosure: Pick<DisclosureService, 'suspendIn'>;
  exchange: Pick<ExchangeService, 'recordIn'>;
  addWorkingDays: (date: string, days: number) => Promise<string>;
  /** DATA_DIR/uploads: evidence files go under `repair/<application id>/`. */
  uploadDir: string;
}

type Reason = { code: string; note: string };

function toApplication(row: repo.ApplicationRow): Application {
  return {
    id: row.id,
    recordId: row.recordId,
    itemCode: row.itemCode,
    severity: row.severity,
    status: row.status as ApplicationStatus,
    evidence: JSON.parse(row.evidence) as RepairEvidence,
    minorAtAct: Number(row.minorAtAct) === 1,
    appliedOn: row.appliedOn,
    feedbackDueOn: row.feedbackDueOn,
    reviewDueOn: row.reviewDueOn,
    decisionDueOn: row.decisionDueOn,
    reviewOutcome: row.reviewOutcome,
    reviewNote: row.reviewNote,
    reviewedOn: row.reviewedOn,
    decidedOn: row.decidedOn,
    reasons: row.reasons === null ? [] : (JSON.parse(row.reasons) as Reason[]),
    version: row.version,
  };
}

/** What is missing, as refusal reasons with stable codes (the period names its first day). */
function missingReasons(e: Eligibility): Reason[] {
  if (e.refusal) return [{ code: e.refusal.code, note: e.refusal.basis }];
  return e.checklist.filter((c) => !c.met).map((c) => (c.condition === 'minimum_period' ? { code: 'repair.too_early', note: e.earliestOn } : { code: `repair.missing_${c.condition}`, note: c.basis }));
}

/** The deadline of an open application's current step: the department's review, then the platform's decision. */
function currentDueOn(row: repo.ApplicationRow): string {
  return row.status === 'accepted' ? (row.reviewDueOn ?? row.feedbackDueOn) : (row.decisionDueOn ?? row.feedbackDueOn);
}

/** The `count` months up to and including `month` (`YYYY-MM`), oldest first. */
function monthsUpTo(month: string, count: number): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(y, m - count + i, 1)).toISOString().slice(0, 7));
}

/**
 * Credit repair (信用修复): a citizen applies for one of their bad records, the source department
 * reviews, the platform decides; a granted repair stops disclosure, removes the list entries
 * resting on the record and stops measures (through `repairedAmong`).
 */
export class RepairService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly deps: RepairDeps,
    private readonly rules: RepairRules = repairRules,
  ) {}

  private today(): string {
    return shanghaiDate(this.clock.now());
  }

  private async ownFact(ctx: RequestContext, recordId: string): Promise<SubjectRecordFact & { severity: Severity; decisionDate: string; personId: string }> {
    const personId = ctx.actor?.personId;
    if (!personId) throw new NotFound('repair.no_own_person');
    const fact = (await this.deps.records.subjectFacts({ personId })).find((f) => f.recordId === recordId && f.personId === personId);
    // Another person's record answers like a missing one.
    if (!fact || fact.severity === null || fact.decisionDate === null) throw new NotFound('repair.record_not_found');
    return fact as SubjectRecordFact & { severity: Severity; decisionDate: string; personId: string };
  }

  private async evaluate(fact: { itemCode: string; severity: Severity; decisionDate: string; personId: string }, evidence: RepairEvidence): Promise<Eligibility> {
    const [item, births, lastRepairedOn] = await Promise.all([this.deps.catalog.get(fact.itemCode), this.deps.identity.birthDatesOf([fact.personId]), repo.lastGrantedOn(this.db, fact.personId)]);
    return computeRepairEligibility(
      { record: fact, publication: item.publication, evidence, today: this.today(), birthDate: births.get(fact.personId) ?? null, lastRepairedOn },
      this.rules,
    );
  }

  /** The checklist for one of the caller's records with this evidence; nothing is written. */
  async check(ctx: RequestContext, input: RepairRequest): Promise<Eligibility> {
    const fact = await this.ownFact(ctx, input.recordId);
    const eligibility = await this.evaluate(fact, input.evidence);
    await this.audit.record(ctx, { action: 'repair.check', subject: { kind: 'person', id: fact.personId }, data: { recordId: fact.recordId, eligible: eligibility.eligible }, result: 'ok' });
    return eligibility;
  }

  /**
   * Applies for repair. An application the rules refuse (too early, a condition missing, not
   * repairable, repaired within the year) is stored refused with its reasons, so the applicant
   * can track it. A minor's minor dishonesty ends at correction: granted at once.
   */
  async apply(ctx: RequestContext, input: ApplyRequest): Promise<Application> {
    // Checked before anything else is looked at or written: a bad file is a located 400.
    const checked = checkEvidenceFiles(input.files, repairFileLimits, { module: 'repair', field: 'files' });
    const fact = await this.ownFact(ctx, input.recordId);
    const open = await repo.findOpenForRecord(this.db, fact.recordId);
    if (open) throw new Conflict('repair.already_applied', { applicationId: open.id, status: open.status });
    const eligibility = await this.evaluate(fact, input.evidence);
    const today = this.today();
    const { deadlines } = this.rules;
    const endsAtCorrection = eligibility.eligible && eligibility.minorAtAct && fact.severity === 'minor' && this.rules.minors.minorEndsAtCorrection;
    const status: ApplicationStatus = !eligibility.eligible ? 'refused' : endsAtCorrection ? 'granted' : 'accepted';
    const reasons = !eligibility.eligible ? missingReasons(eligibility) : endsAtCorrection ? [{ code: 'repair.minor_ends_at_correction', note: this.rules.minors.basis }] : null;
    const at = this.clock.now().toISOString();
    const row: repo.ApplicationRow = {
      id: newId(),
      recordId: fact.recordId,
      personId: fact.personId,
      itemCode: fact.itemCode,
      severity: fact.severity,
      departmentId: fact.departmentId,
      status,
      evidence: JSON.stringify(input.evidence),
      minorAtAct: eligibility.minorAtAct ? 1 : 0,
      appliedOn: today,
      // 国办发〔2025〕22号: feedback within 10 working days; the deciding authority decides within 3.
      feedbackDueOn: await this.deps.addWorkingDays(today, deadlines.platformFeedbackWorkingDays.days),
      reviewDueOn: status === 'accepted' ? await this.deps.addWorkingDays(today, deadlines.decidingAuthorityWorkingDays.days) : null,
      decisionDueOn: null,
      reviewedOn: null,
      reviewedBy: null,
      reviewOutcome: null,
      reviewNote: null,
      decidedOn: status === 'accepted' ? null : today,
      decidedBy: null,
      reasons: reasons === null ? null : JSON.stringify(reasons),
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    const relativeDir = path.join('repair', row.id);
    const planned = planStoredFiles(relativeDir, checked);
    const files: repo.FileRow[] = planned.map(({ stored: { id: fileId, ...f } }, i) => ({ id: fileId, applicationId: row.id, purpose: input.files![i]!.purpose, ...f, addedAt: at, addedBy: ctx.actor?.userId ?? null }));
    // One open application per record (migration 0020): the same record applied for at the same moment loses here.
    await unlessDuplicate(
      () =>
        storeFilesThen(this.deps.uploadDir, relativeDir, planned, () =>
          inTransaction(this.db, async (tx) => {
            await repo.insertApplication(tx, row, { id: newId(), applicationId: row.id, kind: status === 'accepted' ? 'apply' : status === 'granted' ? 'grant' : 'refuse', actorId: ctx.actor?.userId ?? null, at, note: reasons?.map((r) => r.code).join(', ') ?? '' }, files);
            await this.audit.recordIn(tx, ctx, {
              action: 'repair.apply',
              subject: { kind: 'person', id: fact.personId },
              data: { applicationId: row.id, recordId: fact.recordId, status, reasons: reasons?.map((r) => r.code) ?? [], files: files.map((f) => ({ id: f.id, purpose: f.purpose, contentHash: f.contentHash })) },
              result: 'ok',
            });
            if (status === 'granted') await this.grantIn(tx, ctx, row);
          }),
        ),
      async () => {
        const open = await repo.findOpenForRecord(this.db, row.recordId);
        return new Conflict('repair.already_applied', { applicationId: open?.id ?? '', status: open?.status ?? '' });
      },
    );
    if (status === 'granted') await this.applyEffectsOrLeaveToJob(ctx, row, this.rules.minors.basis);
    return (await this.withFiles([row]))[0]!;
  }

  /** Applications with their evidence files listed. */
  private async withFiles(rows: repo.ApplicationRow[]): Promise<Application[]> {
    const files = await repo.listFiles(this.db, rows.map((r) => r.id));
    return rows.map((r) => ({
      ...toApplication(r),
      files: files
        .filter((f) => f.applicationId === r.id)
        .map((f) => ({ id: f.id, purpose: f.purpose as RepairFilePurpose, fileName: f.fileName, contentType: f.contentType, bytes: Number(f.bytes), addedAt: f.addedAt })),
    }));
  }

  /**
   * An evidence file, for the applicant (`own`), the source department reviewing it (`department`)
   * or the platform deciding it (`platform`); anyone else's answers 404 like a missing one. An audited read.
   */
  async file(ctx: RequestContext, id: string, fileId: string, as: 'own' | 'department' | 'platform'): Promise<{ file: string; fileName: string; contentType: string }> {
    const row = await repo.findApplication(this.db, id);
    const allowed =
      row && (as === 'own' ? row.personId === (ctx.actor?.personId ?? null) : as === 'department' ? row.departmentId === (ctx.actor?.departmentId ?? null) : true);
    if (!row || !allowed) throw new NotFound('repair.application_not_found');
    const found = await repo.findFile(this.db, id, fileId);
    if (!found) throw new NotFound('repair.file_not_found');
    await this.audit.record(ctx, { action: 'repair.file_read', subject: { kind: 'person', id: row.personId }, data: { applicationId: id, fileId, purpose: found.purpose }, result: 'ok' });
    return { file: storedFilePath(this.deps.uploadDir, found), fileName: found.fileName, contentType: found.contentType };
  }

  /** The caller's own applications, newest first. */
  async listOwn(ctx: RequestContext): Promise<Application[]> {
    const personId = ctx.actor?.personId;
    if (!personId) throw new NotFound('repair.no_own_person');
    const rows = await repo.listOfPerson(this.db, personId);
    await this.audit.record(ctx, { action: 'repair.own_read', subject: { kind: 'person', id: personId }, data: { count: rows.length }, result: 'ok' });
    return this.withFiles(rows);
  }

  /** Open applications: a department sees its own records' (review queue); the platform all. */
  async listOpen(ctx: RequestContext, scope: 'department' | 'platform'): Promise<Application[]> {
    const departmentId = scope === 'platform' ? null : (ctx.actor?.departmentId ?? null);
    if (scope === 'department' && departmentId === null) throw new NotFound('repair.no_department');
    const rows = await repo.listOpen(this.db, departmentId);
    await Promise.all(rows.map((r) => this.audit.record(ctx, { action: 'repair.list', subject: { kind: 'person', id: r.personId }, data: { applicationId: r.id }, result: 'ok' })));
    return this.withFiles(rows);
  }

  private async step(ctx: RequestContext, id: string, expected: ApplicationStatus, version: number, scopeDepartment: boolean): Promise<repo.ApplicationRow> {
    const row = await repo.findApplication(this.db, id);
    if (!row || (scopeDepartment && row.departmentId !== (ctx.actor?.departmentId ?? null))) throw new NotFound('repair.application_not_found');
    if (row.status !== expected) throw new Conflict('repair.state', { status: row.status });
    if (row.version !== version) throw new Conflict('repair.changed', { version: row.version });
    return row;
  }

  private async save(ctx: RequestContext, row: repo.ApplicationRow, changes: Partial<repo.ApplicationRow>, kind: string, note: string): Promise<repo.ApplicationRow> {
    const at = this.clock.now().toISOString();
    const saved = { ...row, ...changes, version: row.version + 1, updatedAt: at };
    await inTransaction(this.db, async (tx) => {
      const ok = await repo.updateApplication(tx, row.id, row.version, { ...changes, updatedAt: at }, { id: newId(), applicationId: row.id, kind, actorId: ctx.actor?.userId ?? null, at, note });
      if (!ok) throw new Conflict('repair.changed', { version: row.version });
      await this.audit.recordIn(tx, ctx, { action: `repair.${kind}`, subject: { kind: 'person', id: row.personId }, data: { applicationId: row.id, status: changes.status, note }, result: 'ok' });
      if (saved.status === 'granted') await this.grantIn(tx, ctx, saved);
    });
    return saved;
  }

  /**
   * What commits with a grant, in its transaction: the record's disclosure stops (on the platform
   * and, through the exchange, the department's site), and the upstream platform is owed the
   * repair (国办发〔2025〕22号: repair results are shared).
   */
  private async grantIn(tx: Tx, ctx: RequestContext, row: repo.ApplicationRow): Promise<void> {
    await this.deps.disclosure.suspendIn(tx, ctx, { target: { kind: 'record', id: row.recordId }, reason: 'repair', note: `信用修复 ${row.id}` });
    await this.deps.exchange.recordIn(tx, ctx, {
      kind: 'repair_granted',
      target: { kind: 'record', id: row.recordId },
      subject: { kind: 'person', id: row.personId },
      departmentId: row.departmentId,
      basis: `repair:${row.id}`,
      details: { applicationId: row.id, itemCode: row.itemCode, severity: row.severity, decidedOn: row.decidedOn, minorAtAct: Number(row.minorAtAct) === 1 },
      occurredOn: row.decidedOn ?? this.today(),
    });
  }

  /** The source department's review: confirmed (conditions hold), or refused for false material or unmet conditions. */
  async review(ctx: RequestContext, id: string, body: { outcome: 'confirmed' | 'false_material' | 'conditions_not_met'; note: string; version: number }): Promise<Application> {
    const row = await this.step(ctx, id, 'accepted', body.version, true);
    const today = this.today();
    const common = { reviewedOn: today, reviewedBy: ctx.actor?.userId ?? null, reviewOutcome: body.outcome, reviewNote: body.note };
    const next =
      body.outcome === 'confirmed'
        ? // 《河南省社会信用条例》Art. 43: once the conditions are met, repair within 1 working day.
          { ...common, status: 'reviewed', decisionDueOn: await this.deps.addWorkingDays(today, this.rules.deadlines.repairOnceMetWorkingDays.days) }
        : { ...common, status: 'refused', decidedOn: today, decidedBy: ctx.actor?.userId ?? null, reasons: JSON.stringify([{ code: `repair.${body.outcome}`, note: body.note }]) };
    return toApplication(await this.save(ctx, row, next, 'review', body.note));
  }

  /** The platform's decision. A grant re-checks the rules on the day it is made. */
  async decide(ctx: RequestContext, id: string, body: { outcome: 'grant' | 'refuse'; note: string; version: number }): Promise<Application> {
    const row = await this.step(ctx, id, 'reviewed', body.version, false);
    const today = this.today();
    const decided = { decidedOn: today, decidedBy: ctx.actor?.userId ?? null };
    if (body.outcome === 'refuse') return toApplication(await this.save(ctx, row, { ...decided, status: 'refused', reasons: JSON.stringify([{ code: 'repair.refused', note: body.note }]) }, 'refuse', body.note));
    const eligibility = await this.evaluate({ itemCode: row.itemCode, severity: row.severity as Severity, decisionDate: (await this.ownFactById(row)).decisionDate, personId: row.personId }, JSON.parse(row.evidence) as RepairEvidence);
    if (!eligibility.eligible) throw new Conflict('repair.not_eligible', { reasons: missingReasons(eligibility).map((r) => r.code).join(', ') });
    const saved = await this.save(ctx, row, { ...decided, status: 'granted', reasons: JSON.stringify([{ code: 'repair.granted', note: body.note }]) }, 'grant', body.note);
    await this.applyEffectsOrLeaveToJob(ctx, saved, body.note);
    return toApplication(saved);
  }

  private async ownFactById(row: repo.ApplicationRow): Promise<SubjectRecordFact & { decisionDate: string }> {
    const fact = (await this.deps.records.subjectFacts({ personId: row.personId })).find((f) => f.recordId === row.recordId);
    if (!fact || fact.decisionDate === null) throw new NotFound('repair.record_not_found');
    return fact as SubjectRecordFact & { decisionDate: string };
  }

  /**
   * A granted repair's effects after it committed (disclosure stopped with it, `grantIn`; measures
   * stop through `repairedAmong`, which sanctions consults): the person's own list entries resting
   * on the record leave their lists (reason `repair`, each with its exit notice). Entries already
   * gone are not in force, so `completeEffects` can run this again until it is done.
   */
  private async applyEffects(ctx: RequestContext, row: repo.ApplicationRow, note: string): Promise<void> {
    await this.deps.lists.removeEntriesRestingOn(ctx, { type: 'person', id: row.personId }, row.recordId, { reason: 'repair', note });
    await repo.markEffectsDone(this.db, row.id, this.clock.now().toISOString());
  }

  /** The effects now, or — when they fail — later by `completeEffects` (the failure is logged); the grant stands either way. True when done. */
  private async applyEffectsOrLeaveToJob(ctx: RequestContext, row: repo.ApplicationRow, note: string): Promise<boolean> {
    try {
      await this.applyEffects(ctx, row, note);
      return true;
    } catch (err) {
      await this.audit.record(ctx, { action: 'repair.effects_failed', subject: { kind: 'person', id: row.personId }, data: { applicationId: row.id, error: err instanceof Error ? err.message : String(err) }, result: 'failed' });
      return false;
    }
  }

  /**
   * The job: granted repairs whose effects were not all applied (the process stopped, another
   * module failed) get them now. Only grants older than `settleSeconds`, so as not to race the
   * request still applying them.
   */
  async completeEffects(ctx: RequestContext, settleSeconds = 60): Promise<number> {
    const before = new Date(this.clock.now().getTime() - settleSeconds * 1000).toISOString();
    const rows = await repo.listGrantedWithEffectsPending(this.db, before, 100);
    let completed = 0;
    for (const row of rows) if (await this.applyEffectsOrLeaveToJob(ctx, row, `修复生效（补充执行） ${row.id}`)) completed += 1;
    return completed;
  }

  /** The records among these whose repair was granted: no longer a basis for measures or reports. */
  async repairedAmong(recordIds: readonly string[]): Promise<ReadonlySet<string>> {
    return new Set(await repo.listGrantedAmong(this.db, recordIds));
  }

  /** Counts by status and the open applications past a deadline (admin, auditor). */
  async stats(): Promise<{ byStatus: Record<string, number>; overdue: number }> {
    const today = this.today();
    const open = await repo.listOpen(this.db, null);
    const overdue = open.filter((r) => currentDueOn(r) < today).length;
    return { byStatus: Object.fromEntries((await repo.countByStatus(this.db)).map((r) => [r.status, r.count])), overdue };
  }

  /** Repairs granted per month over the last `months` months, this one included (the statistics chart). */
  async grantsByMonth(months = 12): Promise<Array<{ month: string; granted: number }>> {
    const range = monthsUpTo(this.today().slice(0, 7), months);
    const counts = new Map(range.map((m) => [m, 0]));
    for (const day of await repo.listGrantedOn(this.db, `${range[0]}-01`)) {
      const month = day.slice(0, 7);
      if (counts.has(month)) counts.set(month, counts.get(month)! + 1);
    }
    return range.map((month) => ({ month, granted: counts.get(month)! }));
  }

  // -------------------------------------------------------------------------------------------
  // Overdue applications and their escalation (逾期督办, shared/escalation.ts)

  /**
   * Open applications past the deadline of their current step, with days overdue and escalation
   * level: a department's own, the platform's all. No person is named, so no access-log entry.
   */
  async overdue(ctx: RequestContext): Promise<OverdueCase[]> {
    const cases = await this.overdueCases(ctx.actor?.departmentId ?? null);
    return cases.map(({ row, escalation }) => ({ kind: 'repair', id: row.id, departmentId: row.departmentId, stage: row.status, ...escalation }));
  }

  private async overdueCases(departmentId: string | null): Promise<Array<OverdueAmong<repo.ApplicationRow>>> {
    return overdueAmong(await repo.listOpen(this.db, departmentId), currentDueOn, this.today(), this.deps.addWorkingDays);
  }

  /**
   * The daily job: each overdue application gets one `escalate` event per level reached, with its
   * access-log entry. Running it again writes nothing new. Returns the number of events written.
   */
  async escalateOverdue(ctx: RequestContext = systemContext('job', '逾期督办 overdue escalation')): Promise<number> {
    const cases = await this.overdueCases(null);
    const written = await repo.listEscalatedLevels(this.db, cases.map((c) => c.row.id));
    return writeEscalations(cases, (row) => row.id, written, (row, level, escalation) =>
      inTransaction(this.db, async (tx) => {
        const event = { id: newId(), applicationId: row.id, kind: 'escalate', actorId: null, at: this.clock.now().toISOString(), note: escalationNote(level, escalation.dueOn), level };
        if (!(await repo.insertEscalation(tx, event))) return false;
        await this.audit.recordIn(tx, ctx, { action: 'repair.escalate', subject: { kind: 'person', id: row.personId }, data: { applicationId: row.id, level, dueOn: escalation.dueOn, departmentId: row.departmentId }, result: 'ok' });
        return true;
      }),
    );
  }
}
