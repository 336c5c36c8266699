import { sql, type Kysely } from 'kysely';

/**
 * One open case per item, enforced by the database rather than a read-then-write check that two
 * requests at once (a double click) both pass: one pending objection per record or list entry, one
 * open (or granted) repair application per record. Partial unique indexes, alike on SQLite and
 * PostgreSQL.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create unique index objections_pending_target_uq on objections (target_kind, target_id) where status = 'pending'`.execute(db);
  await sql`create unique index repair_applications_open_record_uq on repair_applications (record_id) where status in ('accepted', 'reviewed', 'granted')`.execute(db);
}
