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
}

export interface EventRow {
  id: string;
  applicationId: string;
  kind: string;
  actorId: string | null;
  at: string;
  note: string;
}

interface Tables {
  repairApplications: ApplicationRow;
  repairEvents: EventRow;
}
/** This module's tables (DESIGN.md: each module types the handle against its own). */
const t = (db: Executor) => db as unknown as Kysely<Tables>;

const OPEN = ['accepted', 'reviewed'];

export async function insertApplication(db: Executor, row: ApplicationRow, event: EventRow): Promise<void> {
  await t(db).insertInto('repairApplications').values(row).execute();
  await t(db).insertInto('repairEvents').values(event).execute();
}

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
