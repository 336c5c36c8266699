import { inTransaction, type Db } from '../../db/index.ts';
import { shanghaiDate, type Clock } from '../../shared/clock.ts';
import type { RequestContext } from '../../shared/context.ts';
import { Conflict, NotFound } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { AuditLog } from '../audit/index.ts';
import type { CatalogService, Severity } from '../catalog/index.ts';
import type { DisclosureService } from '../disclosure/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { ListsService } from '../lists/index.ts';
import type { RecordsService, SubjectRecordFact } from '../records/index.ts';
import { computeRepairEligibility, type Eligibility, type RepairRules } from './eligibility.ts';
import * as repo from './repo.ts';
import { repairRules } from './rules.ts';
import type { Application, ApplicationStatus, RepairEvidence, RepairRequest } from './schema.ts';

export interface RepairDeps {
  records: Pick<RecordsService, 'subjectFacts'>;
  catalog: Pick<CatalogService, 'get'>;
  identity: Pick<IdentityService, 'birthDatesOf'>;
  lists: Pick<ListsService, 'standingOf' | 'removeEntry'>;
  disclosure: Pick<DisclosureService, 'suspend'>;
  addWorkingDays: (date: string, days: number) => Promise<string>;
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
  async apply(ctx: RequestContext, input: RepairRequest): Promise<Application> {
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
    await inTransaction(this.db, async (tx) => {
      await repo.insertApplication(tx, row, { id: newId(), applicationId: row.id, kind: status === 'accepted' ? 'apply' : status === 'granted' ? 'grant' : 'refuse', actorId: ctx.actor?.userId ?? null, at, note: reasons?.map((r) => r.code).join(', ') ?? '' });
      await this.audit.recordIn(tx, ctx, { action: 'repair.apply', subject: { kind: 'person', id: fact.personId }, data: { applicationId: row.id, recordId: fact.recordId, status, reasons: reasons?.map((r) => r.code) ?? [] }, result: 'ok' });
    });
    if (status === 'granted') await this.applyEffects(ctx, row, this.rules.minors.basis);
    return toApplication(row);
  }

  /** The caller's own applications, newest first. */
  async listOwn(ctx: RequestContext): Promise<Application[]> {
    const personId = ctx.actor?.personId;
    if (!personId) throw new NotFound('repair.no_own_person');
    const rows = await repo.listOfPerson(this.db, personId);
    await this.audit.record(ctx, { action: 'repair.own_read', subject: { kind: 'person', id: personId }, data: { count: rows.length }, result: 'ok' });
    return rows.map(toApplication);
  }

  /** Open applications: a department sees its own records' (review queue); the platform all. */
  async listOpen(ctx: RequestContext, scope: 'department' | 'platform'): Promise<Application[]> {
    const departmentId = scope === 'platform' ? null : (ctx.actor?.departmentId ?? null);
    if (scope === 'department' && departmentId === null) throw new NotFound('repair.no_department');
    const rows = await repo.listOpen(this.db, departmentId);
    await Promise.all(rows.map((r) => this.audit.record(ctx, { action: 'repair.list', subject: { kind: 'person', id: r.personId }, data: { applicationId: r.id }, result: 'ok' })));
    return rows.map(toApplication);
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
    await inTransaction(this.db, async (tx) => {
      const ok = await repo.updateApplication(tx, row.id, row.version, { ...changes, updatedAt: at }, { id: newId(), applicationId: row.id, kind, actorId: ctx.actor?.userId ?? null, at, note });
      if (!ok) throw new Conflict('repair.changed', { version: row.version });
      await this.audit.recordIn(tx, ctx, { action: `repair.${kind}`, subject: { kind: 'person', id: row.personId }, data: { applicationId: row.id, status: changes.status, note }, result: 'ok' });
    });
    return { ...row, ...changes, version: row.version + 1, updatedAt: at };
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
    await this.applyEffects(ctx, saved, body.note);
    return toApplication(saved);
  }

  private async ownFactById(row: repo.ApplicationRow): Promise<SubjectRecordFact & { decisionDate: string }> {
    const fact = (await this.deps.records.subjectFacts({ personId: row.personId })).find((f) => f.recordId === row.recordId);
    if (!fact || fact.decisionDate === null) throw new NotFound('repair.record_not_found');
    return fact as SubjectRecordFact & { decisionDate: string };
  }

  /**
   * A granted repair's effects: disclosure stops (on the platform and, through the exchange, the
   * department's site — 国办发〔2025〕22号), the person's own list entries resting on the record are
   * removed (reason `repair`). Measures stop through `repairedAmong`, which sanctions consults.
   */
  private async applyEffects(ctx: RequestContext, row: repo.ApplicationRow, note: string): Promise<void> {
    await this.deps.disclosure.suspend(ctx, { target: { kind: 'record', id: row.recordId }, reason: 'repair', note });
    const standing = await this.deps.lists.standingOf({ type: 'person', id: row.personId });
    for (const entry of standing.entries.filter((e) => e.via === null && e.recordIds.includes(row.recordId))) {
      await this.deps.lists.removeEntry(ctx, entry.entryId, { reason: 'repair', note });
    }
  }

  /** The records among these whose repair was granted: no longer a basis for measures or reports. */
  async repairedAmong(recordIds: readonly string[]): Promise<ReadonlySet<string>> {
    return new Set(await repo.listGrantedAmong(this.db, recordIds));
  }

  /** Counts by status and the open applications past a deadline (admin, auditor). */
  async stats(): Promise<{ byStatus: Record<string, number>; overdue: number }> {
    const today = this.today();
    const open = await repo.listOpen(this.db, null);
    const overdue = open.filter((r) => (r.status === 'accepted' ? (r.reviewDueOn ?? r.feedbackDueOn) : (r.decisionDueOn ?? r.feedbackDueOn)) < today).length;
    return { byStatus: Object.fromEntries((await repo.countByStatus(this.db)).map((r) => [r.status, r.count])), overdue };
  }
}
