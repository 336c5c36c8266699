import type { Kysely } from 'kysely';
import type { Executor } from '../../db/index.ts';

export interface ChangeRow {
  id: string;
  kind: string;
  targetKind: string;
  targetId: string;
  subjectKind: string;
  subjectId: string;
  departmentId: string;
  basis: string;
  details: string;
  occurredOn: string;
  createdAt: string;
  createdBy: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  receipt: string | null;
}

interface Tables {
  exchangeChanges: ChangeRow;
}
/** This module's table (DESIGN.md: each module types the handle against its own). */
const t = (db: Executor) => db as unknown as Kysely<Tables>;

export async function insertChange(db: Executor, row: ChangeRow): Promise<void> {
  await t(db).insertInto('exchangeChanges').values(row).execute();
}

/** Oldest first: the upstream applies changes in the order they happened. */
export async function listChanges(db: Executor, query: { acknowledged: boolean; limit: number; offset: number }): Promise<{ rows: ChangeRow[]; total: number }> {
  const base = t(db)
    .selectFrom('exchangeChanges')
    .where('acknowledgedAt', query.acknowledged ? 'is not' : 'is', null);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('createdAt').orderBy('id').limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findChanges(db: Executor, ids: readonly string[]): Promise<ChangeRow[]> {
  if (ids.length === 0) return [];
  return t(db).selectFrom('exchangeChanges').selectAll().where('id', 'in', ids).execute();
}

/** Acknowledges the changes not yet acknowledged; returns how many were. */
export async function acknowledge(db: Executor, ids: readonly string[], changes: { acknowledgedAt: string; acknowledgedBy: string | null; receipt: string }): Promise<number> {
  const result = await t(db).updateTable('exchangeChanges').set(changes).where('id', 'in', ids).where('acknowledgedAt', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
