import type { Kysely } from 'kysely';
import type { Executor } from '../../db/index.ts';

export interface ObjectionRow {
  id: string;
  kind: string;
  targetKind: string;
  targetId: string;
  subjectKind: string;
  subjectId: string;
  departmentId: string;
  reasons: string;
  status: string;
  filedOn: string;
  providerDueOn: string;
  dueOn: string;
  suspensionId: string | null;
  outcome: string | null;
  outcomeNote: string | null;
  decidedAt: string | null;
  decidedOn: string | null;
  decidedBy: string | null;
  correctedVersion: number | null;
  wrongVersion: number | null;
  wrongDepartmentId: string | null;
  wrongRecordedBy: string | null;
  version: number;
  createdAt: string;
  createdBy: string | null;
}

export interface EventRow {
  id: string;
  objectionId: string;
  action: string;
  note: string;
  at: string;
  by: string | null;
}

interface Tables {
  objections: ObjectionRow;
  objectionEvents: EventRow;
}

const t = (db: Executor) => db as unknown as Kysely<Tables>;

export async function insertObjection(db: Executor, row: ObjectionRow, event: EventRow): Promise<void> {
  await t(db).insertInto('objections').values(row).execute();
  await t(db).insertInto('objectionEvents').values(event).execute();
}

export const findObjection = (db: Executor, id: string) => t(db).selectFrom('objections').selectAll().where('id', '=', id).executeTakeFirst();

export const findPendingOn = (db: Executor, targetKind: string, targetId: string) =>
  t(db).selectFrom('objections').selectAll().where('targetKind', '=', targetKind).where('targetId', '=', targetId).where('status', '=', 'pending').executeTakeFirst();

export async function listPendingAmong(db: Executor, targets: ReadonlyArray<{ kind: string; id: string }>): Promise<Array<{ targetKind: string; targetId: string }>> {
  if (targets.length === 0) return [];
  return t(db)
    .selectFrom('objections')
    .select(['targetKind', 'targetId'])
    .where('status', '=', 'pending')
    .where('targetId', 'in', targets.map((x) => x.id))
    .execute();
}

export function listObjections(db: Executor, filter: { subjectKind?: string; subjectId?: string; departmentId?: string; status?: string }): Promise<ObjectionRow[]> {
  let q = t(db).selectFrom('objections').selectAll();
  if (filter.subjectKind !== undefined) q = q.where('subjectKind', '=', filter.subjectKind);
  if (filter.subjectId !== undefined) q = q.where('subjectId', '=', filter.subjectId);
  if (filter.departmentId !== undefined) q = q.where('departmentId', '=', filter.departmentId);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  return q.orderBy('createdAt', 'desc').orderBy('id').limit(500).execute();
}

export async function listEvents(db: Executor, ids: readonly string[]): Promise<EventRow[]> {
  if (ids.length === 0) return [];
  return t(db).selectFrom('objectionEvents').selectAll().where('objectionId', 'in', ids).orderBy('at').orderBy('id').execute();
}

/** Records the decision, guarded by the version read (optimistic, no row locks). */
export async function decide(db: Executor, id: string, fromVersion: number, change: Partial<ObjectionRow>, event: EventRow): Promise<boolean> {
  const result = await t(db).updateTable('objections').set({ ...change, version: fromVersion + 1 }).where('id', '=', id).where('version', '=', fromVersion).where('status', '=', 'pending').executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await t(db).insertInto('objectionEvents').values(event).execute();
  return true;
}

/** Every case, for the statistics: few columns, all rows (objections are few next to records). */
export const listForStats = (db: Executor) =>
  t(db).selectFrom('objections').select(['departmentId', 'status', 'dueOn', 'outcome', 'wrongDepartmentId']).execute();
