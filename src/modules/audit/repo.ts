import type { Kysely } from 'kysely';
import type { Executor } from '../../db/index.ts';

export interface AuditEntryRow {
  id: string;
  at: string;
  actorUserId: string | null;
  actorRole: string | null;
  actorDepartmentId: string | null;
  action: string;
  subjectKind: string | null;
  subjectId: string | null;
  data: string | null;
  purpose: string | null;
  legalBasis: string | null;
  result: string;
  requestId: string | null;
}

export interface AuditTables {
  auditEntries: AuditEntryRow;
}

const tables = (db: Executor) => db as unknown as Kysely<AuditTables>;

export async function insertAuditEntries(db: Executor, rows: AuditEntryRow[]): Promise<void> {
  if (rows.length === 0) return;
  // Chunked so one statement stays under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 500) {
    await tables(db).insertInto('auditEntries').values(rows.slice(i, i + 500)).execute();
  }
}

export async function listAuditEntriesForSubject(db: Executor, subjectKind: string, subjectId: string, limit: number): Promise<AuditEntryRow[]> {
  return tables(db)
    .selectFrom('auditEntries')
    .selectAll()
    .where('subjectKind', '=', subjectKind)
    .where('subjectId', '=', subjectId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function countAuditEntries(db: Executor, action?: string): Promise<number> {
  let q = tables(db).selectFrom('auditEntries').select((eb) => eb.fn.countAll<number>().as('n'));
  if (action) q = q.where('action', '=', action);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}
