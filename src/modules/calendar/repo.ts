import type { Kysely } from 'kysely';
import type { Executor } from '../../db/index.ts';

/** A stored override. `verify` is 0/1. */
export interface CalendarDayRow {
  date: string;
  kind: string;
  name: string | null;
  source: string;
  verify: number;
  note: string | null;
  seedVersion: string | null;
  updatedBy: string | null;
  updatedAt: string;
}

export interface CalendarDayChangeRow {
  id: string;
  date: string;
  changeKind: string;
  /** JSON of the day before / after, null for an ordinary day. */
  beforeDay: string | null;
  afterDay: string | null;
  changedBy: string | null;
  changedAt: string;
  reason: string;
}

export interface CalendarTables {
  calendarDays: CalendarDayRow;
  calendarDayChanges: CalendarDayChangeRow;
}

const t = (db: Executor) => db as unknown as Kysely<CalendarTables>;

export const listAllDays = (db: Executor) => t(db).selectFrom('calendarDays').selectAll().orderBy('date').execute();

export const listDaysBetween = (db: Executor, from: string, to: string) =>
  t(db).selectFrom('calendarDays').selectAll().where('date', '>=', from).where('date', '<=', to).orderBy('date').execute();

export const findDay = (db: Executor, date: string) => t(db).selectFrom('calendarDays').selectAll().where('date', '=', date).executeTakeFirst();

/** Inserts the days whose dates are free; answers the dates this call inserted. */
export async function insertDaysIfAbsent(db: Executor, rows: CalendarDayRow[]): Promise<string[]> {
  const inserted: string[] = [];
  for (let i = 0; i < rows.length; i += 200) {
    const batch = rows.slice(i, i + 200);
    const result = await t(db).insertInto('calendarDays').values(batch).onConflict((oc) => oc.column('date').doNothing()).returning('date').execute();
    inserted.push(...result.map((r) => r.date));
  }
  return inserted;
}

/** Replaces a day only if nobody changed it since it was read (`updatedAt` as the version). */
export async function updateDayIf(db: Executor, row: CalendarDayRow, expectedUpdatedAt: string): Promise<boolean> {
  const { date, ...changes } = row;
  const result = await t(db).updateTable('calendarDays').set(changes).where('date', '=', date).where('updatedAt', '=', expectedUpdatedAt).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteDayIf(db: Executor, date: string, expectedUpdatedAt: string): Promise<boolean> {
  const result = await t(db).deleteFrom('calendarDays').where('date', '=', date).where('updatedAt', '=', expectedUpdatedAt).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function insertChanges(db: Executor, rows: CalendarDayChangeRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await t(db).insertInto('calendarDayChanges').values(rows.slice(i, i + 200)).execute();
}

/** Dates in [from, to] an admin has ever edited: the seed leaves them alone. */
export async function listEditedDates(db: Executor, from: string, to: string): Promise<Set<string>> {
  const rows = await t(db)
    .selectFrom('calendarDayChanges')
    .select('date')
    .distinct()
    .where('changeKind', '=', 'edit')
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();
  return new Set(rows.map((r) => r.date));
}

export function listChanges(db: Executor, filter: { date?: string; editsOnly?: boolean; limit: number }): Promise<CalendarDayChangeRow[]> {
  let q = t(db).selectFrom('calendarDayChanges').selectAll();
  if (filter.date !== undefined) q = q.where('date', '=', filter.date);
  if (filter.editsOnly) q = q.where('changeKind', '=', 'edit');
  // Ids are UUIDv7 (time-ordered): a tie-breaker for changes in the same millisecond.
  return q.orderBy('changedAt', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}
