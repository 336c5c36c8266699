import type { Kysely } from 'kysely';

/**
 * The upstream exchange's outbox (issue 7): every change the provincial platform must learn of — a
 * repair granted, a record corrected or revoked after an objection — written in the same
 * transaction as the change itself, and kept after the upstream acknowledges it.
 * `repair_applications.effects_done_at`: when a granted repair's effects elsewhere (disclosure,
 * lists) were all applied; until then a job applies them again (each effect is idempotent).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('exchange_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // repair_granted | record_corrected | record_revoked | entry_revoked
    .addColumn('kind', 'text', (c) => c.notNull())
    // record | entry, and its id
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    // departments.id of the source department
    .addColumn('department_id', 'text', (c) => c.notNull())
    // what the change rests on: `repair:<application id>` / `objection:<id>`
    .addColumn('basis', 'text', (c) => c.notNull())
    // JSON: the change's particulars (new version, dates, reasons)
    .addColumn('details', 'text', (c) => c.notNull())
    // YYYY-MM-DD, Asia/Shanghai: the day the change took effect
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text')
    // the upstream's receipt (回执) number
    .addColumn('receipt', 'text')
    .execute();
  await db.schema.createIndex('exchange_changes_pending_idx').on('exchange_changes').columns(['acknowledged_at', 'id']).execute();
  await db.schema.alterTable('repair_applications').addColumn('effects_done_at', 'text').execute();
}
