import type { Kysely } from 'kysely';
import type { Executor } from '../../../db/index.ts';

export interface RetentionSettingRow {
  id: string;
  days: number;
  /** The legal minimum that applied when the row was written. */
  legalMinimumDays: number;
  reason: string | null;
  /** Null for the seeded row and for CLI changes (the access-log entry says which). */
  changedBy: string | null;
  changedAt: string;
  /** The setting this row replaced; unique, so concurrent changes of one setting conflict. */
  previousId: string | null;
}

interface EntryColumns {
  id: string;
  at: string;
}

export interface RetentionTables {
  auditRetentionSettings: RetentionSettingRow;
  auditEntries: EntryColumns;
}

const t = (db: Executor) => db as unknown as Kysely<RetentionTables>;

export async function insertSettingIfAbsent(db: Executor, row: RetentionSettingRow): Promise<boolean> {
  const result = await t(db).insertInto('auditRetentionSettings').values(row).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function insertSetting(db: Executor, row: RetentionSettingRow): Promise<void> {
  await t(db).insertInto('auditRetentionSettings').values(row).execute();
}

/** Every setting ever made, in no particular order (there are few: changes are rare). */
export const listSettings = (db: Executor) => t(db).selectFrom('auditRetentionSettings').selectAll().execute();

export async function countSettings(db: Executor): Promise<number> {
  const row = await t(db)
    .selectFrom('auditRetentionSettings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countEntriesBefore(db: Executor, cutoff: string): Promise<number> {
  const row = await t(db)
    .selectFrom('auditEntries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('at', '<', cutoff)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

