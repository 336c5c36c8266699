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
  /** persons.id of the agent who filed for the subject (委托代理人), migration 0016 */
  agentPersonId: string | null;
  /** The credit report the objected line was read from, migration 0016 */
  reportNumber: string | null;
}

/** An evidence file or power of attorney (migration 0016); the bytes are under DATA_DIR/uploads. */
export interface FileRow {
  id: string;
  objectionId: string;
  purpose: string;
  fileName: string;
  contentType: string;
  bytes: number;
  contentHash: string;
  storedPath: string;
  addedAt: string;
  addedBy: string | null;
}

export interface EventRow {
  id: string;
  objectionId: string;
  action: string;
  note: string;
  at: string;
  by: string | null;
  /** `escalate` events only: the escalation level, unique per case (migration 0018). */
  level?: number | null;
}

interface Tables {
  objections: ObjectionRow;
  objectionEvents: EventRow;
  objectionFiles: FileRow;
}

const t = (db: Executor) => db as unknown as Kysely<Tables>;

export async function insertObjection(db: Executor, row: ObjectionRow, event: EventRow, files: readonly FileRow[] = []): Promise<void> {
  await t(db).insertInto('objections').values(row).execute();
  await t(db).insertInto('objectionEvents').values(event).execute();
  if (files.length > 0) await t(db).insertInto('objectionFiles').values([...files]).execute();
}

export async function listFiles(db: Executor, objectionIds: readonly string[]): Promise<FileRow[]> {
  if (objectionIds.length === 0) return [];
  return t(db).selectFrom('objectionFiles').selectAll().where('objectionId', 'in', objectionIds).orderBy('addedAt').orderBy('id').execute();
}

export const findFile = (db: Executor, objectionId: string, fileId: string) =>
  t(db).selectFrom('objectionFiles').selectAll().where('objectionId', '=', objectionId).where('id', '=', fileId).executeTakeFirst();

/** A citizen's cases: those about them, and those they filed as someone's agent. */
export function listOfPersonOrAgent(db: Executor, personId: string): Promise<ObjectionRow[]> {
  return t(db)
    .selectFrom('objections')
    .selectAll()
    .where((eb) => eb.or([eb.and([eb('subjectKind', '=', 'person'), eb('subjectId', '=', personId)]), eb('agentPersonId', '=', personId)]))
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .limit(500)
    .execute();
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

/** Pending cases whose answer deadline is before `today`, of one department or all (the overdue list). */
export function listPendingDueBefore(db: Executor, today: string, departmentId: string | null): Promise<ObjectionRow[]> {
  let q = t(db).selectFrom('objections').selectAll().where('status', '=', 'pending').where('dueOn', '<', today);
  if (departmentId !== null) q = q.where('departmentId', '=', departmentId);
  return q.orderBy('dueOn').orderBy('id').execute();
}

/** The escalation levels already written for these cases, as `<objectionId>:<level>`. */
export async function listEscalatedLevels(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await t(db).selectFrom('objectionEvents').select(['objectionId', 'level']).where('action', '=', 'escalate').where('objectionId', 'in', ids).execute();
  return new Set(rows.map((r) => `${r.objectionId}:${r.level}`));
}

/** Writes an `escalate` event unless the case has that level already (unique index): true when written. */
export async function insertEscalation(db: Executor, event: EventRow & { level: number }): Promise<boolean> {
  const result = await t(db).insertInto('objectionEvents').values(event).onConflict((oc) => oc.columns(['objectionId', 'level']).doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
