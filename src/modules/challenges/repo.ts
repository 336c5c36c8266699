import type { Kysely } from 'kysely';
import type { Executor } from '../../db/index.ts';

export interface ChallengeRow {
  id: string;
  recordId: string;
  pendingRecordId: string | null;
  subjectKind: string;
  subjectId: string;
  departmentId: string;
  kind: string;
  caseNumber: string;
  handledBy: string;
  filedOn: string;
  note: string;
  status: string;
  suspensionId: string | null;
  outcome: string | null;
  concludedOn: string | null;
  outcomeNote: string | null;
  concludedAt: string | null;
  concludedBy: string | null;
  withdrawalId: string | null;
  version: number;
  createdAt: string;
  createdBy: string | null;
}

export interface EventRow {
  id: string;
  challengeId: string;
  action: string;
  note: string;
  at: string;
  by: string | null;
}

interface Tables {
  legalChallenges: ChallengeRow;
  legalChallengeEvents: EventRow;
}

const t = (db: Executor) => db as unknown as Kysely<Tables>;

/** Inserts a pending challenge; false when the record already has one (the unique pending index decides, not a lock). */
export async function insertChallenge(db: Executor, row: ChallengeRow, event: EventRow): Promise<boolean> {
  const result = await t(db).insertInto('legalChallenges').values(row).onConflict((oc) => oc.column('pendingRecordId').doNothing()).executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
  await t(db).insertInto('legalChallengeEvents').values(event).execute();
  return true;
}

export const findChallenge = (db: Executor, id: string) => t(db).selectFrom('legalChallenges').selectAll().where('id', '=', id).executeTakeFirst();

export const findPendingOn = (db: Executor, recordId: string) =>
  t(db).selectFrom('legalChallenges').selectAll().where('pendingRecordId', '=', recordId).executeTakeFirst();

export function listChallenges(db: Executor, filter: { recordIds?: readonly string[]; departmentId?: string; status?: string }): Promise<ChallengeRow[]> {
  let q = t(db).selectFrom('legalChallenges').selectAll();
  if (filter.recordIds !== undefined) {
    if (filter.recordIds.length === 0) return Promise.resolve([]);
    q = q.where('recordId', 'in', filter.recordIds);
  }
  if (filter.departmentId !== undefined) q = q.where('departmentId', '=', filter.departmentId);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  return q.orderBy('filedOn', 'desc').orderBy('createdAt', 'desc').orderBy('id').limit(500).execute();
}

/** The challenges on these records that mark them: pending ones, and concluded ones that revoked the decision. */
export async function listMarking(db: Executor, recordIds: readonly string[]): Promise<Array<Pick<ChallengeRow, 'recordId' | 'kind' | 'status' | 'outcome'>>> {
  if (recordIds.length === 0) return [];
  return t(db)
    .selectFrom('legalChallenges')
    .select(['recordId', 'kind', 'status', 'outcome'])
    .where('recordId', 'in', recordIds)
    .where((eb) => eb.or([eb('status', '=', 'pending'), eb('outcome', '=', 'revoked')]))
    .execute();
}

export async function listEvents(db: Executor, ids: readonly string[]): Promise<EventRow[]> {
  if (ids.length === 0) return [];
  return t(db).selectFrom('legalChallengeEvents').selectAll().where('challengeId', 'in', ids).orderBy('at').orderBy('id').execute();
}

/** Records the conclusion, guarded by the version read (optimistic, no row locks). */
export async function conclude(db: Executor, id: string, fromVersion: number, change: Partial<ChallengeRow>, event: EventRow): Promise<boolean> {
  const result = await t(db)
    .updateTable('legalChallenges')
    .set({ ...change, pendingRecordId: null, status: 'concluded', version: fromVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', fromVersion)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await t(db).insertInto('legalChallengeEvents').values(event).execute();
  return true;
}
