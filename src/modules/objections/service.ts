import path from 'node:path';
import type { Clock } from '../../shared/clock.ts';
import { shanghaiDate } from '../../shared/clock.ts';
import { systemContext, type RequestContext } from '../../shared/context.ts';
import { escalationNote, overdueAmong, writeEscalations, type OverdueAmong, type OverdueCase } from '../../shared/escalation.ts';
import { Conflict, InvalidInput, NotFound } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { maskPersonName } from '../../shared/masking.ts';
import { checkEvidenceFile, checkEvidenceFiles, planStoredFiles, storedFilePath, storeFilesThen, type CheckedFile } from '../../shared/evidence-files.ts';
import { inTransaction, unlessDuplicate, type Db } from '../../db/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { AccountsService } from '../accounts/index.ts';
import type { RecordsService } from '../records/index.ts';
import type { ListsService } from '../lists/index.ts';
import type { DisclosureService } from '../disclosure/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { ExchangeService } from '../exchange/index.ts';
import * as repo from './repo.ts';
import { objectionRules, type ObjectionRules } from './rules.ts';
import type { DecideBody, DepartmentErrorStats, FileBody, Objection, ObjectionFilePurpose, ObjectionKind, Outcome, OwnFileBody, ReportLine, Target } from './schema.ts';

export type AddWorkingDays = (date: string, days: number) => Promise<string>;

export interface ObjectionsDeps {
  records: RecordsService;
  lists: ListsService;
  disclosure: DisclosureService;
  accounts: AccountsService;
  exchange: Pick<ExchangeService, 'recordIn'>;
  addWorkingDays: AddWorkingDays;
  rules?: ObjectionRules;
  /** An agent's principal is checked against the identity register (code and name). */
  identity: Pick<IdentityService, 'checkCitizenCode' | 'resolvePersonId' | 'personById'>;
  /** DATA_DIR/uploads: evidence files go under `objections/<objection id>/`. */
  uploadDir: string;
}

/**
 * Resolves a line of one of the person's issued credit reports to the record or list entry it
 * shows (the queries service answers; a report that is not the person's answers 404).
 */
export type ReportLineResolver = (personId: string, reportNumber: string, line: ReportLine) => Promise<Target>;

/** What a filing adds to the case besides target and reasons: who filed for whom, where from, which files. */
interface Filing {
  agentPersonId: string | null;
  reportNumber: string | null;
  files: Array<{ purpose: ObjectionFilePurpose; file: CheckedFile }>;
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

  private reportLines: ReportLineResolver | null = null;

  /** Wires the report-line resolution (queries builds reports after this service: a hook avoids the cycle). */
  resolveReportLinesWith(resolver: ReportLineResolver): void {
    this.reportLines = resolver;
  }

  /**
   * The citizen objects to one of their own records, list entries or report lines, with evidence
   * files — or, as the subject's agent (委托代理人), to the principal's, with a power of attorney.
   * Someone else's item, and a principal whose code and name do not match, answer 404 alike.
   */
  async file(ctx: RequestContext, body: OwnFileBody): Promise<Objection> {
    const personId = ctx.actor?.personId ?? null;
    if (personId === null) throw new NotFound('objections.no_own_person');
    const files = this.checkFiles(body);
    // 《民法典》Art. 165: an agent acts on a written power of attorney (seed agentNeedsPowerOfAttorney).
    if (body.principal && !body.powerOfAttorney) throw new InvalidInput('objections.power_of_attorney_required', 'powerOfAttorney', 'required');
    if (!body.principal && body.powerOfAttorney) throw new InvalidInput('objections.principal_required', 'principal', 'required');
    const subjectPersonId = body.principal ? await this.principalOf(body.principal) : personId;
    const reportNumber = body.target.kind === 'report_line' ? body.target.reportNumber.trim().toUpperCase() : null;
    const target = body.target.kind === 'report_line' ? await this.reportLineTarget(subjectPersonId, body.target.reportNumber, body.target.line) : body.target;
    const located = await this.locate(ctx, target, body.principal ? 'agent' : 'own');
    if (located.subjectKind !== 'person' || located.subjectId !== subjectPersonId) throw new NotFound('objections.target_not_found');
    // Art. 41: the source department must verify → 7 working days, its answer within 3.
    return this.create(ctx, 'objection', { target, reasons: body.reasons }, located, this.rules.providerVerifiesWorkingDays, {
      agentPersonId: body.principal ? personId : null,
      reportNumber,
      files,
    });
  }

  /** A department (its own records and entries) or the platform (any) opens a correction on its own, with evidence files. */
  async open(ctx: RequestContext, body: FileBody): Promise<Objection> {
    const files = this.checkFiles(body);
    const located = await this.locate(ctx, body.target, 'department');
    // Opened by the source department itself or the platform: nothing to wait for, the platform deadline.
    return this.create(ctx, 'correction', body, located, this.rules.platformDecidesWorkingDays, { agentPersonId: null, reportNumber: null, files });
  }

  /** Evidence (and a power of attorney) decoded and recognised, or a located 400 — before anything is written. */
  private checkFiles(body: { evidence?: FileBody['evidence']; powerOfAttorney?: OwnFileBody['powerOfAttorney'] }): Filing['files'] {
    const limits = this.rules.evidenceFiles;
    const evidence = checkEvidenceFiles(body.evidence, limits, { module: 'objections', field: 'evidence' }).map((file) => ({ purpose: 'evidence' as const, file }));
    if (!body.powerOfAttorney) return evidence;
    const letter = checkEvidenceFile(body.powerOfAttorney, limits, { module: 'objections', field: 'powerOfAttorney' }, 'power-of-attorney');
    return [{ purpose: 'power_of_attorney', file: letter }, ...evidence];
  }

  /** The principal an agent names, by citizen code and name; a wrong pair answers like a missing item. */
  private async principalOf(principal: { citizenCode: string; name: string }): Promise<string> {
    const { code } = this.deps.identity.checkCitizenCode(principal.citizenCode, 'principal.citizenCode');
    const id = await this.deps.identity.resolvePersonId(code);
    const person = id === null ? null : await this.deps.identity.personById(id);
    if (!person || person.name.trim() !== principal.name.trim()) throw new NotFound('objections.target_not_found');
    return person.id;
  }

  private async reportLineTarget(personId: string, reportNumber: string, line: ReportLine): Promise<Target> {
    if (this.reportLines === null) throw new NotFound('objections.target_not_found');
    try {
      return await this.reportLines(personId, reportNumber, line);
    } catch (err) {
      if (err instanceof NotFound) throw new NotFound('objections.target_not_found');
      throw err;
    }
  }

  /** `agent`: looked up unscoped (a citizen has no department); the caller then checks it is the principal's. */
  private async locate(ctx: RequestContext, target: Target, as: 'own' | 'agent' | 'department'): Promise<Located> {
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

  private async create(ctx: RequestContext, kind: ObjectionKind, body: { target: Target; reasons: string }, located: Located, workingDays: number, filing: Filing): Promise<Objection> {
    const reasons = body.reasons.trim();
    if (reasons.length < this.rules.minReasonLength) throw new InvalidInput('objections.reasons_too_short', 'reasons', 'too_short', { minLength: this.rules.minReasonLength });
    const pending = await repo.findPendingOn(this.db, body.target.kind, body.target.id);
    if (pending) throw new Conflict('objections.already_pending', { objectionId: pending.id });
    const now = this.clock.now();
    const filedOn = shanghaiDate(now);
    const id = newId();
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
      suspensionId: null,
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
      agentPersonId: filing.agentPersonId,
      reportNumber: filing.reportNumber,
    };
    const action = kind === 'objection' ? 'file' : 'open';
    const relativeDir = path.join('objections', id);
    const planned = planStoredFiles(relativeDir, filing.files.map((f) => f.file));
    const files: repo.FileRow[] = planned.map(({ stored: { id: fileId, ...f } }, i) => ({ id: fileId, objectionId: id, purpose: filing.files[i]!.purpose, ...f, addedAt: row.createdAt, addedBy: row.createdBy }));
    // One pending case per item (migration 0020): the same item filed at the same moment loses here.
    await unlessDuplicate(
      () =>
        storeFilesThen(this.deps.uploadDir, relativeDir, planned, () =>
          inTransaction(this.db, async (tx) => {
            // Art. 41: marked at once; withdrawn from public disclosure meanwhile when the rules say so — with the case, or not at all.
            if (this.rules.suspendDisclosureWhilePending) row.suspensionId = (await this.deps.disclosure.suspendIn(tx, ctx, { target: body.target, reason: 'objection', note: `异议处理中 ${id}` })).id;
            await repo.insertObjection(tx, row, { id: newId(), objectionId: id, action, note: reasons, at: row.createdAt, by: row.createdBy }, files);
            await this.audit.recordIn(tx, ctx, {
              action: `objections.${action}`,
              subject: { kind: located.subjectKind, id: located.subjectId },
              data: {
                objectionId: id,
                target: body.target,
                departmentId: located.departmentId,
                dueOn: row.dueOn,
                suspended: row.suspensionId !== null,
                files: files.map((f) => ({ id: f.id, purpose: f.purpose, contentHash: f.contentHash })),
                ...(filing.agentPersonId !== null ? { agentPersonId: filing.agentPersonId } : {}),
                ...(filing.reportNumber !== null ? { reportNumber: filing.reportNumber } : {}),
              },
              result: 'ok',
            });
          }),
        ),
      async () => new Conflict('objections.already_pending', { objectionId: (await repo.findPendingOn(this.db, body.target.kind, body.target.id))?.id ?? '' }),
    );
    return (await this.toObjections([row], ctx.actor?.personId ?? null))[0]!;
  }

  // -------------------------------------------------------------------------------------------
  // Deciding

  /**
   * The source department (or the platform) decides: upheld (unchanged, with reasons), corrected
   * (a new record version; who recorded the wrong one is kept for the error statistics), or revoked
   * (the entry leaves its list, a record is withdrawn from disclosure for good — Art. 42). The
   * pending suspension is lifted in every case. Disclosure's changes and the change owed upstream
   * commit with the decision; a new record version and list exits go through their modules first
   * (each in its own transaction): a failure there leaves the case pending.
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
      else {
        // A revoked record is no basis for anything: its subject's entries resting on it leave their lists (and it leaves disclosure, below).
        await this.deps.lists.removeEntriesRestingOn(ctx, { type: row.subjectKind as 'person' | 'organization', id: row.subjectId }, row.targetId, { reason: 'revocation', note: `异议 ${row.id}：${body.note}` });
      }
      change.wrongDepartmentId = row.departmentId;
    }
    const now = this.clock.now();
    Object.assign(change, { status: 'decided', outcome, outcomeNote: body.note, decidedAt: now.toISOString(), decidedOn: shanghaiDate(now), decidedBy: ctx.actor?.userId ?? null });
    await inTransaction(this.db, async (tx) => {
      const event = { id: newId(), objectionId: row.id, action: 'decide', note: `${outcome}：${body.note}`, at: now.toISOString(), by: ctx.actor?.userId ?? null };
      if (!(await repo.decide(tx, row.id, row.version, change, event))) throw new Conflict('objections.changed', { version: row.version + 1 });
      if (row.suspensionId !== null) await this.deps.disclosure.liftIn(tx, ctx, row.suspensionId, `异议 ${row.id} 已处理：${outcome}`);
      if (outcome === 'revoked' && target.kind === 'record') await this.deps.disclosure.suspendIn(tx, ctx, { target, reason: 'correction', note: `异议 ${row.id} 撤销：${body.note}` });
      await this.audit.recordIn(tx, ctx, {
        action: 'objections.decide',
        subject: { kind: row.subjectKind as 'person' | 'organization', id: row.subjectId },
        data: { objectionId: row.id, outcome, target, correctedVersion: change.correctedVersion ?? null, overdue: shanghaiDate(now) > row.dueOn },
        result: 'ok',
      });
      // Art. 42: a correction or revocation reaches wherever the item was shared — the upstream platform included.
      if (outcome === 'corrected' || outcome === 'revoked') {
        await this.deps.exchange.recordIn(tx, ctx, {
          kind: outcome === 'corrected' ? 'record_corrected' : target.kind === 'record' ? 'record_revoked' : 'entry_revoked',
          target,
          subject: { kind: row.subjectKind as 'person' | 'organization', id: row.subjectId },
          departmentId: row.departmentId,
          basis: `objection:${row.id}`,
          details: { objectionId: row.id, outcome, correctedVersion: change.correctedVersion ?? null, wrongVersion: change.wrongVersion ?? null, note: body.note },
          occurredOn: shanghaiDate(now),
        });
      }
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
    // Their own cases, and the cases they filed as someone's agent (the principal's read is logged on the principal).
    const rows = await repo.listOfPersonOrAgent(this.db, personId);
    await this.audit.record(ctx, { action: 'objections.own_read', subject: { kind: 'person', id: personId }, data: { count: rows.length }, result: 'ok' });
    const asAgent = rows.filter((r) => r.agentPersonId === personId && r.subjectId !== personId);
    await Promise.all(asAgent.map((r) => this.audit.record(ctx, { action: 'objections.read', subject: { kind: 'person', id: r.subjectId }, data: { objectionId: r.id, asAgent: true }, result: 'ok' })));
    return { items: await this.toObjections(rows, personId) };
  }

  /**
   * A file of one of the caller's cases (their own, or filed by them as agent) — an audited read;
   * someone else's answers 404 like a missing one.
   */
  async ownFile(ctx: RequestContext, id: string, fileId: string): Promise<{ file: string; fileName: string; contentType: string }> {
    const personId = ctx.actor?.personId ?? null;
    const row = await repo.findObjection(this.db, id);
    const mine = row && personId !== null && ((row.subjectKind === 'person' && row.subjectId === personId) || row.agentPersonId === personId);
    if (!row || !mine) throw new NotFound('objections.not_found');
    return this.readFile(ctx, row, fileId);
  }

  /** A file of a case routed to the caller's department (the platform: any) — an audited read. */
  async caseFile(ctx: RequestContext, id: string, fileId: string): Promise<{ file: string; fileName: string; contentType: string }> {
    return this.readFile(ctx, await this.departmentCase(ctx, id), fileId);
  }

  private async readFile(ctx: RequestContext, row: repo.ObjectionRow, fileId: string): Promise<{ file: string; fileName: string; contentType: string }> {
    const found = await repo.findFile(this.db, row.id, fileId);
    if (!found) throw new NotFound('objections.file_not_found');
    await this.audit.record(ctx, {
      action: 'objections.file_read',
      subject: { kind: row.subjectKind as 'person' | 'organization', id: row.subjectId },
      data: { objectionId: row.id, fileId, purpose: found.purpose },
      result: 'ok',
    });
    return { file: storedFilePath(this.deps.uploadDir, found), fileName: found.fileName, contentType: found.contentType };
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
      if (!s) by.set(id, (s = { departmentId: id, departmentName: names.get(id) ?? '', received: 0, pending: 0, overdue: 0, upheld: 0, corrected: 0, revoked: 0, notAccepted: 0, errors: 0 }));
      return s;
    };
    for (const r of await repo.listForStats(this.db)) {
      const s = of(r.departmentId);
      s.received += 1;
      if (r.status === 'pending') {
        s.pending += 1;
        if (today > r.dueOn) s.overdue += 1;
      } else s[r.outcome === 'not_accepted' ? 'notAccepted' : (r.outcome as Exclude<Outcome, 'not_accepted'>)] += 1;
      if (r.wrongDepartmentId !== null) of(r.wrongDepartmentId).errors += 1;
    }
    return { departments: [...by.values()].sort((a, b) => b.errors - a.errors || b.received - a.received || a.departmentName.localeCompare(b.departmentName, 'zh')) };
  }

  /** `viewerPersonId`: the citizen reading their own list, to flag the cases they filed as agent. */
  private async toObjections(rows: repo.ObjectionRow[], viewerPersonId: string | null = null): Promise<Objection[]> {
    const today = this.today();
    const names = new Map((await this.deps.accounts.listDepartments()).map((d) => [d.id, d.name]));
    const events = await repo.listEvents(this.db, rows.map((r) => r.id));
    const files = await repo.listFiles(this.db, rows.map((r) => r.id));
    const agentIds = [...new Set(rows.map((r) => r.agentPersonId).filter((a): a is string => a !== null))];
    const agents = new Map(await Promise.all(agentIds.map(async (a) => [a, (await this.deps.identity.personById(a))?.name ?? ''] as const)));
    const asAgent = (r: repo.ObjectionRow) => viewerPersonId !== null && r.agentPersonId === viewerPersonId && r.subjectId !== viewerPersonId;
    // The agent tells their principals' cases apart by the (masked) name they gave when filing.
    const principalIds = [...new Set(rows.filter(asAgent).map((r) => r.subjectId))];
    const principals = new Map(await Promise.all(principalIds.map(async (p) => [p, maskPersonName((await this.deps.identity.personById(p))?.name ?? '')] as const)));
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
      files: files
        .filter((f) => f.objectionId === r.id)
        .map((f) => ({ id: f.id, purpose: f.purpose as ObjectionFilePurpose, fileName: f.fileName, contentType: f.contentType, bytes: Number(f.bytes), addedAt: f.addedAt })),
      agent: r.agentPersonId === null ? null : { personId: r.agentPersonId, name: agents.get(r.agentPersonId) ?? '' },
      filedAsAgent: asAgent(r),
      principalName: asAgent(r) ? (principals.get(r.subjectId) ?? null) : null,
      reportNumber: r.reportNumber,
    }));
  }

  // -------------------------------------------------------------------------------------------
  // Overdue cases and their escalation (逾期督办, shared/escalation.ts)

  /**
   * Pending cases past their answer deadline (`due_on`, the one the queue flags), with days overdue
   * and escalation level: a department's own, the platform's all. No person is named, so no
   * access-log entry (like `stats`).
   */
  async overdue(ctx: RequestContext): Promise<OverdueCase[]> {
    const cases = await this.overdueCases(ctx.actor?.departmentId ?? null);
    return cases.map(({ row, escalation }) => ({ kind: 'objection', id: row.id, departmentId: row.departmentId, stage: row.kind, ...escalation }));
  }

  private async overdueCases(departmentId: string | null): Promise<Array<OverdueAmong<repo.ObjectionRow>>> {
    return overdueAmong(await repo.listPendingDueBefore(this.db, this.today(), departmentId), (row) => row.dueOn, this.today(), this.deps.addWorkingDays);
  }

  /**
   * The daily job: each overdue case gets one `escalate` event per level reached, in its history,
   * with its access-log entry. Running it again writes nothing new (a level is unique per case).
   * Returns the number of events written.
   */
  async escalateOverdue(ctx: RequestContext = systemContext('job', '逾期督办 overdue escalation')): Promise<number> {
    const cases = await this.overdueCases(null);
    const written = await repo.listEscalatedLevels(this.db, cases.map((c) => c.row.id));
    return writeEscalations(cases, (row) => row.id, written, (row, level) =>
      inTransaction(this.db, async (tx) => {
        const event = { id: newId(), objectionId: row.id, action: 'escalate', note: escalationNote(level, row.dueOn), at: this.clock.now().toISOString(), by: null, level };
        if (!(await repo.insertEscalation(tx, event))) return false;
        await this.audit.recordIn(tx, ctx, {
          action: 'objections.escalate',
          subject: { kind: row.subjectKind as 'person' | 'organization', id: row.subjectId },
          data: { objectionId: row.id, level, dueOn: row.dueOn, departmentId: row.departmentId },
          result: 'ok',
        });
        return true;
      }),
    );
  }
}
