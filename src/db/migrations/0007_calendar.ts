import type { Kysely } from 'kysely';

/**
 * The working-day calendar (工作日日历): the days that differ from "Monday–Friday work, weekend
 * rest" — statutory holidays and their 调休 rest days (`holiday`), weekends worked in exchange
 * (`workday`) — and every change ever made to them, with who, when, why, before and after
 * (DESIGN.md decision 2). A date without a row is an ordinary day.
 *
 * Portable types only; the date is the primary key (YYYY-MM-DD text, sorts as a date);
 * timestamps and ids are written by the application.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calendar_days')
    .addColumn('date', 'text', (c) => c.primaryKey())
    // holiday | workday
    .addColumn('kind', 'text', (c) => c.notNull())
    // 春节, 国庆节 … (for a workday: the holiday it is worked for)
    .addColumn('name', 'text')
    // The document the day comes from (国务院办公厅通知), or the admin's stated basis
    .addColumn('source', 'text', (c) => c.notNull())
    // 1 when the day is not confirmed against an official text yet
    .addColumn('verify', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    // The seed file version that wrote the day; null once an admin has set it
    .addColumn('seed_version', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('calendar_day_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('date', 'text', (c) => c.notNull())
    // seed | edit
    .addColumn('change_kind', 'text', (c) => c.notNull())
    // The day before and after the change (JSON), null when it was / became an ordinary day
    .addColumn('before_day', 'text')
    .addColumn('after_day', 'text')
    .addColumn('changed_by', 'text')
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('calendar_day_changes_date_idx').on('calendar_day_changes').columns(['date', 'changed_at']).execute();
  await db.schema.createIndex('calendar_day_changes_at_idx').on('calendar_day_changes').column('changed_at').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['calendar_day_changes', 'calendar_days']) await db.schema.dropTable(table).execute();
}
