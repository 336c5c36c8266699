import type { Clock } from '../../shared/clock.ts';
import type { RequestContext } from '../../shared/context.ts';
import { InvalidInput } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { inTransaction, type Db, type Tx } from '../../db/index.ts';
import type { AuditLog } from '../audit/index.ts';
import * as repo from './repo.ts';
import type { AcknowledgeBody, Change, ChangeKind } from './schema.ts';

export interface ChangeInput {
  kind: ChangeKind;
  target: { kind: 'record' | 'entry'; id: string };
  subject: { kind: 'person' | 'organization'; id: string };
  departmentId: string;
  basis: string;
  details: Record<string, unknown>;
  occurredOn: string;
}

function toChange(r: repo.ChangeRow): Change {
  return {
    id: r.id,
    kind: r.kind as ChangeKind,
    target: { kind: r.targetKind as 'record' | 'entry', id: r.targetId },
    subjectKind: r.subjectKind as 'person' | 'organization',
    subjectId: r.subjectId,
    departmentId: r.departmentId,
    basis: r.basis,
    details: JSON.parse(r.details) as Record<string, unknown>,
    occurredOn: r.occurredOn,
    createdAt: r.createdAt,
    acknowledgedAt: r.acknowledgedAt,
    receipt: r.receipt,
  };
}

/**
 * The upstream exchange's outbox (信用信息共享交换): changes the provincial platform must learn of —
 * a repair granted, a record corrected or revoked — recorded in the transaction of the change
 * itself (`recordIn`), so none is lost or sent for a change that did not happen. The upstream (or
 * the operator sending them) acknowledges them with its receipt; they are kept afterwards.
 */
export class ExchangeService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** For the module making the change: in its transaction. */
  async recordIn(tx: Tx, ctx: RequestContext, change: ChangeInput): Promise<string> {
    const id = newId();
    await repo.insertChange(tx, {
      id,
      kind: change.kind,
      targetKind: change.target.kind,
      targetId: change.target.id,
      subjectKind: change.subject.kind,
      subjectId: change.subject.id,
      departmentId: change.departmentId,
      basis: change.basis,
      details: JSON.stringify(change.details),
      occurredOn: change.occurredOn,
      createdAt: this.clock.now().toISOString(),
      createdBy: ctx.actor?.userId ?? null,
      acknowledgedAt: null,
      acknowledgedBy: null,
      receipt: null,
    });
    return id;
  }

  /** Changes awaiting the upstream (oldest first), or those it acknowledged. Each subject's read is logged. */
  async list(ctx: RequestContext, query: { status?: 'pending' | 'acknowledged'; limit?: number; offset?: number }): Promise<{ items: Change[]; total: number }> {
    const { rows, total } = await repo.listChanges(this.db, { acknowledged: query.status === 'acknowledged', limit: query.limit ?? 100, offset: query.offset ?? 0 });
    await Promise.all(
      rows.map((r) => this.audit.record(ctx, { action: 'exchange.read', subject: { kind: r.subjectKind as 'person' | 'organization', id: r.subjectId }, data: { changeId: r.id, kind: r.kind }, result: 'ok' })),
    );
    return { items: rows.map(toChange), total };
  }

  /** The upstream received these changes (its receipt number); unknown ids are refused, located, and nothing is marked. */
  async acknowledge(ctx: RequestContext, body: AcknowledgeBody): Promise<{ acknowledged: number; alreadyAcknowledged: number }> {
    const ids = [...new Set(body.ids)];
    return inTransaction(this.db, async (tx) => {
      const found = new Map((await repo.findChanges(tx, ids)).map((r) => [r.id, r]));
      const missing = body.ids.findIndex((id) => !found.has(id));
      if (missing >= 0) throw new InvalidInput('exchange.unknown_change', `ids[${missing}]`, 'not_found', { id: body.ids[missing] });
      const acknowledged = await repo.acknowledge(tx, ids, { acknowledgedAt: this.clock.now().toISOString(), acknowledgedBy: ctx.actor?.userId ?? null, receipt: body.receipt });
      await this.audit.recordIn(tx, ctx, { action: 'exchange.acknowledge', data: { ids, receipt: body.receipt, acknowledged }, result: 'ok' });
      return { acknowledged, alreadyAcknowledged: ids.length - acknowledged };
    });
  }
}
