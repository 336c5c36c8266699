import type { Clock } from '../../shared/clock.ts';
import { shanghaiDate } from '../../shared/clock.ts';
import type { RequestContext } from '../../shared/context.ts';
import { Conflict, InvalidInput, NotFound } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { isIsoDate } from '../../shared/working-days.ts';
import { inTransaction, type Db } from '../../db/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { AccountsService } from '../accounts/index.ts';
import type { RecordsService, SubjectRecordFact } from '../records/index.ts';
import type { DisclosureService } from '../disclosure/index.ts';
import * as repo from './repo.ts';
import { challengeRules, type ChallengeRules } from './rules.ts';
import type { Challenge, ChallengeKind, ChallengeMark, ChallengeOutcome, ConcludeBody, FollowUp, RecordChallengeBody } from './schema.ts';

export interface ChallengesDeps {
  records: RecordsService;
  disclosure: DisclosureService;
  accounts: AccountsService;
  rules?: ChallengeRules;
}

const KIND_LABEL: Record<ChallengeKind, string> = { reconsideration: '行政复议', litigation: '行政诉讼' };
const OUTCOME_LABEL: Record<ChallengeOutcome, string> = { upheld: '维持', revoked: '撤销', changed: '变更', withdrawn: '撤回/驳回' };

/** What the source department still does through objections (纠错) after the conclusion. */
const FOLLOW_UP: Partial<Record<ChallengeOutcome, FollowUp>> = { revoked: 'revoke_record', changed: 'correct_record' };

const subjectOf = (row: { subjectKind: string; subjectId: string }) => ({ kind: row.subjectKind as 'person' | 'organization', id: row.subjectId });

/**
 * Administrative reconsideration and litigation on a credit record (行政复议、行政诉讼, issue 7;
 * 《河南省社会信用条例》Art. 20(二), 42; policy (四)10). The record's source department (its own
 * records) or the platform (any) records a challenge and later its conclusion. While pending the
 * record is marked 行政复议中 / 行政诉讼中; a revoked decision withdraws the record from public
 * disclosure at once, and the department revokes or corrects the record itself through objections.
 */
export class ChallengesService {
  private readonly rules: ChallengeRules;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly deps: ChallengesDeps,
  ) {
    this.rules = deps.rules ?? challengeRules;
  }

  private today(): string {
    return shanghaiDate(this.clock.now());
  }

  // -------------------------------------------------------------------------------------------
  // Recording and concluding

  /** Records a reconsideration or litigation on a record of the caller's department (the platform: any record). */
  async record(ctx: RequestContext, recordId: string, body: RecordChallengeBody): Promise<Challenge> {
    const fact = await this.reachableRecord(ctx, recordId);
    const caseNumber = required(body.caseNumber, 'caseNumber', 'challenges.case_number_required');
    const handledBy = required(body.handledBy, 'handledBy', 'challenges.handled_by_required');
    this.checkDay(body.filedOn, 'filedOn');
    // A challenge is against a decision: it cannot be filed before the decision was made.
    if (fact.decisionDate !== null && body.filedOn < fact.decisionDate) {
      throw new InvalidInput('challenges.filed_before_decision', 'filedOn', 'before_decision', { filedOn: body.filedOn, decisionDate: fact.decisionDate });
    }
    // 行政诉讼法 Art. 44 / 行政复议法 Art. 29 (verify): not reconsideration and litigation at once — one pending challenge per record.
    const pending = await repo.findPendingOn(this.db, recordId);
    if (pending) throw new Conflict('challenges.already_pending', { challengeId: pending.id, caseNumber: pending.caseNumber });

    const id = newId();
    const now = this.clock.now();
    const subject = fact.personId !== null ? { kind: 'person' as const, id: fact.personId } : { kind: 'organization' as const, id: fact.organizationId! };
    const row: repo.ChallengeRow = {
      id,
      recordId,
      pendingRecordId: recordId,
      subjectKind: subject.kind,
      subjectId: subject.id,
      departmentId: fact.departmentId,
      kind: body.kind,
      caseNumber,
      handledBy,
      filedOn: body.filedOn,
      note: body.note?.trim() ?? '',
      status: 'pending',
      suspensionId: null,
      outcome: null,
      concludedOn: null,
      outcomeNote: null,
      concludedAt: null,
      concludedBy: null,
      withdrawalId: null,
      version: 1,
      createdAt: now.toISOString(),
      createdBy: ctx.actor?.userId ?? null,
    };
    const event = { id: newId(), challengeId: id, action: 'record', note: `${KIND_LABEL[body.kind]} ${caseNumber}（${handledBy}，${body.filedOn}）`, at: row.createdAt, by: row.createdBy };
    await inTransaction(this.db, async (tx) => {
      // Withdrawn meanwhile only where the rules say so, and only with the challenge (one transaction).
      if (this.rules.suspendDisclosureWhilePending) {
        row.suspensionId = (await this.deps.disclosure.suspendIn(tx, ctx, { target: { kind: 'record', id: recordId }, reason: 'challenge', note: `${KIND_LABEL[body.kind]}中 ${caseNumber}` })).id;
      }
      // A concurrent recording on the same record loses on the unique pending index.
      if (!(await repo.insertChallenge(tx, row, event))) throw new Conflict('challenges.already_pending', { challengeId: null, caseNumber: null });
      await this.audit.recordIn(tx, ctx, {
        action: 'challenges.record',
        subject,
        data: { challengeId: id, recordId, kind: body.kind, caseNumber, filedOn: body.filedOn, suspended: row.suspensionId !== null },
        result: 'ok',
      });
    });
    return (await this.toChallenges([row]))[0]!;
  }

  /**
   * Records the conclusion: upheld 维持 and withdrawn 撤回/驳回 leave the record as it is (Art. 20(二):
   * now final); revoked 撤销 withdraws it from public disclosure at once (Art. 42) and the source
   * department must revoke the record through objections; changed 变更: it must correct it there. A
   * pending suspension is lifted in every case. The disclosure effects commit with the conclusion.
   */
  async conclude(ctx: RequestContext, id: string, body: ConcludeBody): Promise<Challenge> {
    const row = await this.departmentChallenge(ctx, id);
    if (row.status !== 'pending') throw new Conflict('challenges.already_concluded', { concludedOn: row.concludedOn });
    if (row.version !== body.version) throw new Conflict('challenges.changed', { version: row.version });
    this.checkDay(body.concludedOn, 'concludedOn');
    if (body.concludedOn < row.filedOn) throw new InvalidInput('challenges.concluded_before_filed', 'concludedOn', 'before_filed', { concludedOn: body.concludedOn, filedOn: row.filedOn });
    const note = required(body.note, 'note', 'challenges.note_required');
    const label = `${KIND_LABEL[row.kind as ChallengeKind]} ${row.caseNumber}`;

    const now = this.clock.now();
    const change: Partial<repo.ChallengeRow> = { outcome: body.outcome, concludedOn: body.concludedOn, outcomeNote: note, concludedAt: now.toISOString(), concludedBy: ctx.actor?.userId ?? null };
    await inTransaction(this.db, async (tx) => {
      // The withdrawal and the lifting of a pending suspension commit with the conclusion, or not at all.
      if (body.outcome === 'revoked' && this.rules.withdrawOnRevocation) {
        change.withdrawalId = (await this.deps.disclosure.suspendIn(tx, ctx, { target: { kind: 'record', id: row.recordId }, reason: 'revocation', note: `${label} 撤销原决定：${note}` })).id;
      }
      const event = { id: newId(), challengeId: row.id, action: 'conclude', note: `${OUTCOME_LABEL[body.outcome]}（${body.concludedOn}）：${note}`, at: now.toISOString(), by: ctx.actor?.userId ?? null };
      if (!(await repo.conclude(tx, row.id, row.version, change, event))) throw new Conflict('challenges.changed', { version: row.version + 1 });
      if (row.suspensionId !== null) await this.deps.disclosure.liftIn(tx, ctx, row.suspensionId, `${label} 已办结：${body.outcome}`);
      await this.audit.recordIn(tx, ctx, {
        action: 'challenges.conclude',
        subject: subjectOf(row),
        data: { challengeId: row.id, recordId: row.recordId, outcome: body.outcome, concludedOn: body.concludedOn, withdrawn: change.withdrawalId !== undefined, followUp: FOLLOW_UP[body.outcome] ?? null },
        result: 'ok',
      });
    });
    return (await this.toChallenges([(await repo.findChallenge(this.db, row.id))!]))[0]!;
  }

  // -------------------------------------------------------------------------------------------
  // Reading

  /** A record's challenges, newest first (a logged read of the record's subject). */
  async listForRecord(ctx: RequestContext, recordId: string): Promise<{ items: Challenge[] }> {
    const fact = await this.reachableRecord(ctx, recordId);
    const rows = await repo.listChallenges(this.db, { recordIds: [recordId] });
    const subject = fact.personId !== null ? { kind: 'person' as const, id: fact.personId } : { kind: 'organization' as const, id: fact.organizationId! };
    await this.audit.record(ctx, { action: 'challenges.read', subject, data: { recordId, count: rows.length }, result: 'ok' });
    return { items: await this.toChallenges(rows) };
  }

  /** The department's challenges (the platform: all), pending first; each subject's access log shows the read. */
  async queue(ctx: RequestContext, query: { status?: 'pending' | 'concluded' } = {}): Promise<{ items: Challenge[] }> {
    const scope = ctx.actor?.departmentId ?? null;
    const rows = await repo.listChallenges(this.db, { ...(scope !== null ? { departmentId: scope } : {}), ...(query.status ? { status: query.status } : {}) });
    await Promise.all(rows.map((r) => this.audit.record(ctx, { action: 'challenges.read', subject: subjectOf(r), data: { challengeId: r.id, recordId: r.recordId }, result: 'ok' })));
    const items = await this.toChallenges(rows);
    return { items: items.sort((a, b) => Number(b.status === 'pending') - Number(a.status === 'pending')) };
  }

  /** The challenges on the signed-in citizen's own records (a self-query, Art. 40). */
  async listMine(ctx: RequestContext): Promise<{ items: Challenge[] }> {
    const personId = ctx.actor?.personId ?? null;
    if (personId === null) throw new NotFound('challenges.no_own_person');
    const recordIds = (await this.deps.records.subjectFacts({ personId })).map((f) => f.recordId);
    const rows = await repo.listChallenges(this.db, { recordIds });
    await this.audit.record(ctx, { action: 'challenges.own_read', subject: { kind: 'person', id: personId }, data: { count: rows.length }, result: 'ok' });
    return { items: await this.toChallenges(rows) };
  }

  /**
   * How challenges mark these records, for reports and pages: `reconsideration_pending` 行政复议中 /
   * `litigation_pending` 行政诉讼中 while pending, `decision_revoked` 原决定已撤销 once concluded
   * revoked (until the department revokes the record). Not an audited read: the caller logs its purpose.
   */
  async marksOnRecords(recordIds: readonly string[]): Promise<Map<string, ChallengeMark>> {
    const marks = new Map<string, ChallengeMark>();
    for (const r of await repo.listMarking(this.db, recordIds)) {
      const mark = this.markOf(r);
      // A pending challenge says more than an earlier revocation (a new case after it).
      if (mark !== null && (r.status === 'pending' || !marks.has(r.recordId))) marks.set(r.recordId, mark);
    }
    return marks;
  }

  private markOf(r: Pick<repo.ChallengeRow, 'kind' | 'status' | 'outcome'>): ChallengeMark | null {
    if (r.status === 'pending') return this.rules.markWhilePending ? (r.kind === 'litigation' ? 'litigation_pending' : 'reconsideration_pending') : null;
    return r.outcome === 'revoked' ? 'decision_revoked' : null;
  }

  // -------------------------------------------------------------------------------------------

  /** The record, when the caller may act on it: its source department's users or the platform; otherwise 404 like a missing one. */
  private async reachableRecord(ctx: RequestContext, recordId: string): Promise<SubjectRecordFact> {
    const fact = await this.deps.records.recordFact(recordId);
    const scope = ctx.actor?.departmentId ?? null;
    if (!fact || (scope !== null && fact.departmentId !== scope)) throw new NotFound('challenges.record_not_found');
    return fact;
  }

  private async departmentChallenge(ctx: RequestContext, id: string): Promise<repo.ChallengeRow> {
    const row = await repo.findChallenge(this.db, id);
    const scope = ctx.actor?.departmentId ?? null;
    if (!row || (scope !== null && row.departmentId !== scope)) throw new NotFound('challenges.not_found');
    return row;
  }

  /** A real date, not after today (a filing or a decision is recorded after it happened). */
  private checkDay(value: string, field: string): void {
    if (!isIsoDate(value)) throw new InvalidInput('challenges.date_invalid', field, 'not_a_date', { value });
    const today = this.today();
    if (value > today) throw new InvalidInput('challenges.date_in_future', field, 'in_future', { value, today });
  }

  private async toChallenges(rows: repo.ChallengeRow[]): Promise<Challenge[]> {
    const names = new Map((await this.deps.accounts.listDepartments()).map((d) => [d.id, d.name]));
    const events = await repo.listEvents(this.db, rows.map((r) => r.id));
    return rows.map((r) => ({
      id: r.id,
      recordId: r.recordId,
      subjectKind: r.subjectKind as 'person' | 'organization',
      subjectId: r.subjectId,
      departmentId: r.departmentId,
      departmentName: names.get(r.departmentId) ?? '',
      kind: r.kind as ChallengeKind,
      caseNumber: r.caseNumber,
      handledBy: r.handledBy,
      filedOn: r.filedOn,
      note: r.note,
      status: r.status as 'pending' | 'concluded',
      disclosureSuspended: r.status === 'pending' && r.suspensionId !== null,
      outcome: r.outcome as ChallengeOutcome | null,
      concludedOn: r.concludedOn,
      outcomeNote: r.outcomeNote,
      withdrawnFromDisclosure: r.withdrawalId !== null,
      mark: this.markOf(r),
      followUp: r.outcome === null ? null : (FOLLOW_UP[r.outcome as ChallengeOutcome] ?? null),
      version: r.version,
      events: events.filter((e) => e.challengeId === r.id).map((e) => ({ action: e.action, note: e.note, at: e.at, by: e.by })),
    }));
  }
}

/** The trimmed text, or a located 400 when only blanks were sent. */
function required(value: string, field: string, code: string): string {
  const text = value.trim();
  if (text === '') throw new InvalidInput(code, field, 'required');
  return text;
}
