import type { Clock } from '../../shared/clock.ts';
import type { RequestContext } from '../../shared/context.ts';
import { GroupCommit } from '../../shared/group-commit.ts';
import { newId } from '../../shared/ids.ts';
import { inTransaction, type Db, type Executor } from '../../db/index.ts';
import { countAuditEntries, insertAuditEntries, listAuditEntriesForSubject, type AuditEntryRow } from './repo.ts';

export type AuditResult = 'ok' | 'denied' | 'not_found' | 'failed';

export interface AuditEvent {
  /** `module.verb`, e.g. `person.read`, `auth.login`, `user.create`. */
  action: string;
  subject?: { kind: 'person' | 'organization' | 'user' | 'department'; id: string };
  /** What was read or changed, without secrets or clear citizen codes. */
  data?: Record<string, unknown>;
  result: AuditResult;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorUserId: string | null;
  actorRole: string | null;
  action: string;
  subjectKind: string | null;
  subjectId: string | null;
  data: Record<string, unknown> | null;
  purpose: string | null;
  legalBasis: string | null;
  result: string;
  requestId: string | null;
}

/**
 * The access and change log (DESIGN.md decision 5, policy (四)8 查询使用登记).
 *
 * Writes go in the caller's transaction (`recordIn`) so a change and its entry commit together.
 * Reads of personal data have no transaction of their own, so `record` group-commits: entries
 * arriving together share one transaction and one fsync, and each caller's promise resolves only
 * once its entry is durable (decision 9).
 */
export class AuditLog {
  private readonly batches: GroupCommit<AuditEntryRow>;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.batches = new GroupCommit((rows) => inTransaction(this.db, (tx) => insertAuditEntries(tx, rows)));
  }

  toRow(ctx: RequestContext, event: AuditEvent): AuditEntryRow {
    return {
      id: newId(),
      at: this.clock.now().toISOString(),
      actorUserId: ctx.actor?.userId ?? null,
      actorRole: ctx.actor?.role ?? (ctx.channel === 'cli' ? 'cli' : ctx.channel === 'job' ? 'system' : null),
      actorDepartmentId: ctx.actor?.departmentId ?? null,
      action: event.action,
      subjectKind: event.subject?.kind ?? null,
      subjectId: event.subject?.id ?? null,
      data: event.data ? JSON.stringify(event.data) : null,
      purpose: ctx.purpose ?? null,
      legalBasis: ctx.legalBasis ?? null,
      result: event.result,
      requestId: ctx.requestId ?? null,
    };
  }

  /** Appends an entry inside the caller's transaction. */
  async recordIn(tx: Executor, ctx: RequestContext, event: AuditEvent): Promise<void> {
    await insertAuditEntries(tx, [this.toRow(ctx, event)]);
  }

  /** Appends prepared entries (`toRow`) inside the caller's transaction: a module's own group commit. */
  async appendIn(tx: Executor, rows: AuditEntryRow[]): Promise<void> {
    await insertAuditEntries(tx, rows);
  }

  /** Appends an entry and resolves once it is committed, batched with concurrent entries. */
  record(ctx: RequestContext, event: AuditEvent): Promise<void> {
    return this.batches.submit(this.toRow(ctx, event));
  }

  /** The stored entries about one subject, newest first, as the ledger hashes them. */
  rowsForSubject(kind: 'person' | 'organization', subjectId: string, limit = 1000): Promise<AuditEntryRow[]> {
    return listAuditEntriesForSubject(this.db, kind, subjectId, limit);
  }

  async listForSubject(kind: 'person' | 'organization', subjectId: string, limit = 200): Promise<AuditEntry[]> {
    const rows = await listAuditEntriesForSubject(this.db, kind, subjectId, limit);
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorUserId: r.actorUserId,
      actorRole: r.actorRole,
      action: r.action,
      subjectKind: r.subjectKind,
      subjectId: r.subjectId,
      data: r.data ? (JSON.parse(r.data) as Record<string, unknown>) : null,
      purpose: r.purpose,
      legalBasis: r.legalBasis,
      result: r.result,
      requestId: r.requestId,
    }));
  }

  count(action?: string): Promise<number> {
    return countAuditEntries(this.db, action);
  }
}
