import type { Kysely } from 'kysely';

/**
 * Objections and corrections (issue 7): a case per objected record or list entry, routed to the
 * source department, with its deadlines and outcome, and its events. Nothing is deleted: a decided
 * case keeps its row, every step is an event.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('objections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // objection (filed by the subject) | correction (opened by a department or the platform)
    .addColumn('kind', 'text', (c) => c.notNull())
    // record (credit_records.id) | entry (list_entries.id)
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    // The subject the target is about: person | organization, by id
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    // The source department it is routed to (the one that recorded or listed it)
    .addColumn('department_id', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    // pending | decided
    .addColumn('status', 'text', (c) => c.notNull())
    // YYYY-MM-DD, Asia/Shanghai: filed, the source department's answer due, the decision due
    .addColumn('filed_on', 'text', (c) => c.notNull())
    .addColumn('provider_due_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    // The disclosure suspension made while pending (null: the rules did not suspend)
    .addColumn('suspension_id', 'text')
    // upheld | corrected | revoked
    .addColumn('outcome', 'text')
    .addColumn('outcome_note', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('decided_by', 'text')
    // corrected: the new record version, and who recorded the wrong one (policy (四)9)
    .addColumn('corrected_version', 'integer')
    .addColumn('wrong_version', 'integer')
    .addColumn('wrong_department_id', 'text')
    .addColumn('wrong_recorded_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('objections_target_idx').on('objections').columns(['target_kind', 'target_id']).execute();
  await db.schema.createIndex('objections_subject_idx').on('objections').columns(['subject_kind', 'subject_id']).execute();
  await db.schema.createIndex('objections_department_idx').on('objections').columns(['department_id', 'status']).execute();
  await db.schema
    .createTable('objection_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('objection_id', 'text', (c) => c.notNull().references('objections.id'))
    // file | open | decide
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by', 'text')
    .execute();
  await db.schema.createIndex('objection_events_objection_idx').on('objection_events').column('objection_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('objection_events').execute();
  await db.schema.dropTable('objections').execute();
}
