import type { Kysely } from 'kysely';
import type { Executor } from '../../db/index.ts';

export interface ApplicationRow {
  id: string;
  recordId: string;
  personId: string;
  itemCode: string;
  severity: string;
  departmentId: string;
  status: string;
  evidence: string;
  minorAtAct: number;
  appliedOn: string;
  feedbackDueOn: string;
  reviewDueOn: string | null;
  decisionDueOn: string | null;
  reviewedOn: string | null;
  reviewedBy: string | null;
  reviewOutcome: string | null;
  reviewNote: string | null;
  decidedOn: string | null;
  decidedBy: string | null;
  reasons: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** When a granted repair's effects elsewhere were all applied (null until then; migration 0019). */
  effectsDoneAt?: string | null;
}

export interface EventRow {
  id: string;
  applicationId: string;
  kind: string;
  actorId: string | null;
  at: string;
  note: string;
  /** `escalate` events only: the escalation level, unique per application (migration 0018). */
  level?: number | null;
}

/** An evidence file of an application (migration 0016); the bytes are under DATA_DIR/uploads. */
export interface FileRow {
  id: string;
  applicationId: string;
  purpose: string;
  fileName: string;
  contentType: string;
  bytes: number;
  contentHash: string;
  storedPath: string;
  addedAt: string;
  addedBy: string | null;
}

interface Tables {
  repairApplications: ApplicationRow;
  repairEvents: EventRow;
  repairFiles: FileRow;
}
/** This module's tables (DESIGN.md: each module types the handle against its own). */
const t = (db: Executor) => db as unknown as Kysely<Tables>;

const OPEN = ['accepted', 'reviewed'];

export async function insertApplication(db: Executor, row: ApplicationRow, event: EventRow, files: readonly FileRow[] = []): Promise<void> {
  await t(db).insertInto('repairApplications').values(row).execute();
  await t(db).insertInto('repairEvents').values(event).execute();
  if (files.length > 0) await t(db).insertInto('repairFiles').values([...files]).execute();
}

export async function listFiles(db: Executor, applicationIds: readonly string[]): Promise<FileRow[]> {
  if (applicationIds.length === 0) return [];
  return t(db).selectFrom('repairFiles').selectAll().where('applicationId', 'in', applicationIds).orderBy('addedAt').orderBy('id').execute();
}

export const findFile = (db: Executor, applicationId: string, fileId: string) =>
  t(db).selectFrom('repairFiles').selectAll().where('applicationId', '=', applicationId).where('id', '=', fileId).executeTakeFirst();

/** Guarded by version: 0 rows updated means someone else changed it meanwhile. */
export async function updateApplication(db: Executor, id: string, expectedVersion: number, changes: Partial<ApplicationRow>, event: EventRow): Promise<boolean> {
  const result = await t(db)
    .updateTable('repairApplications')
    .set({ ...changes, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await t(db).insertInto('repairEvents').values(event).execute();
  return true;
}

export async function findApplication(db: Executor, id: string): Promise<ApplicationRow | undefined> {
  return t(db).selectFrom('repairApplications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOpenForRecord(db: Executor, recordId: string): Promise<ApplicationRow | undefined> {
  return t(db).selectFrom('repairApplications').selectAll().where('recordId', '=', recordId).where('status', 'in', [...OPEN, 'granted']).executeTakeFirst();
}

export async function listOfPerson(db: Executor, personId: string): Promise<ApplicationRow[]> {
  return t(db).selectFrom('repairApplications').selectAll().where('personId', '=', personId).orderBy('createdAt', 'desc').execute();
}

/** Open applications, of one department (its review queue) or all (the platform's). */
export async function listOpen(db: Executor, departmentId: string | null): Promise<ApplicationRow[]> {
  let q = t(db).selectFrom('repairApplications').selectAll().where('status', 'in', OPEN);
  if (departmentId !== null) q = q.where('departmentId', '=', departmentId);
  return q.orderBy('appliedOn').orderBy('id').execute();
}

export async function lastGrantedOn(db: Executor, personId: string): Promise<string | null> {
  const row = await t(db).selectFrom('repairApplications').select((eb) => eb.fn.max('decidedOn').as('last')).where('personId', '=', personId).where('status', '=', 'granted').executeTakeFirst();
  return (row?.last as string | null | undefined) ?? null;
}

export async function listGrantedAmong(db: Executor, recordIds: readonly string[]): Promise<string[]> {
  if (recordIds.length === 0) return [];
  const rows = await t(db).selectFrom('repairApplications').select('recordId').where('recordId', 'in', [...recordIds]).where('status', '=', 'granted').execute();
  return rows.map((r) => r.recordId as string);
}

export async function listEvents(db: Executor, applicationId: string): Promise<EventRow[]> {
  return t(db).selectFrom('repairEvents').selectAll().where('applicationId', '=', applicationId).orderBy('at').orderBy('id').execute();
}

export async function countByStatus(db: Executor): Promise<Array<{ status: string; count: number }>> {
  const rows = await t(db).selectFrom('repairApplications').select(['status', (eb) => eb.fn.countAll().as('count')]).groupBy('status').execute();
  return rows.map((r) => ({ status: r.status as string, count: Number(r.count) }));
}

export async function markEffectsDone(db: Executor, id: string, at: string): Promise<void> {
  await t(db).updateTable('repairApplications').set({ effectsDoneAt: at }).where('id', '=', id).where('effectsDoneAt', 'is', null).execute();
}

/** Granted applications last changed before `before` whose effects are not all applied yet. */
export async function listGrantedWithEffectsPending(db: Executor, before: string, limit: number): Promise<ApplicationRow[]> {
  return t(db).selectFrom('repairApplications').selectAll().where('status', '=', 'granted').where('effectsDoneAt', 'is', null).where('updatedAt', '<', before).orderBy('updatedAt').limit(limit).execute();
}

/** The escalation levels already written for these applications, as `<applicationId>:<level>`. */
export async function listEscalatedLevels(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await t(db).selectFrom('repairEvents').select(['applicationId', 'level']).where('kind', '=', 'escalate').where('applicationId', 'in', ids).execute();
  return new Set(rows.map((r) => `${r.applicationId}:${r.level}`));
}

/** Writes an `escalate` event unless the application has that level already (unique index): true when written. */
export async function insertEscalation(db: Executor, event: EventRow & { level: number }): Promise<boolean> {
  const result = await t(db).insertInto('repairEvents').values(event).onConflict((oc) => oc.columns(['applicationId', 'level']).doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The days on which repairs were granted (for the grants-per-month chart). */
export async function listGrantedOn(db: Executor, from: string): Promise<string[]> {
  const rows = await t(db).selectFrom('repairApplications').select('decidedOn').where('status', '=', 'granted').where('decidedOn', '>=', from).execute();
  return rows.map((r) => r.decidedOn as string);
}
