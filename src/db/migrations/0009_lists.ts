import type { Kysely } from 'kysely';

/**
 * Lists (issue 5): red list, serious-dishonesty list and watch list entries, the credit records
 * each rests on, every state change (who, when, why) and the notices published about them
 * (prior notice, public announcement, listing and exit notices).
 *
 * Dates (`*_on`, `*_until`) are YYYY-MM-DD in Asia/Shanghai; instants (`*_at`) ISO 8601 UTC.
 * Whether an entry is in force is computed from `status = 'listed'` and `ends_on` against
 * today, so an expired entry never counts even before the expiry job marks it removed.
 * Nothing is deleted: a withdrawal or removal is a status with its event (DESIGN.md decision 2).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('list_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // red | serious_dishonesty | watch
    .addColumn('kind', 'text', (c) => c.notNull())
    // person | organization; subject_id is persons.id or organizations.id
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('subject_name', 'text', (c) => c.notNull())
    // Masked citizen code or the public org code; never a clear citizen code
    .addColumn('subject_code_masked', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('severity', 'text')
    // announced | notified | proposed → listed | withdrawn; listed → removed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    // Red cases found by the media or a credit agency: where it was found
    .addColumn('source_text', 'text')
    // Serious dishonesty: the measures the prior notice states (Henan Art. 28)
    .addColumn('measures', 'text')
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('validity_months', 'integer', (c) => c.notNull())
    .addColumn('proposed_by', 'text')
    .addColumn('proposed_on', 'text', (c) => c.notNull())
    .addColumn('notified_on', 'text')
    .addColumn('defence_until', 'text')
    .addColumn('announced_on', 'text')
    .addColumn('announcement_until', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('listed_on', 'text')
    .addColumn('ends_on', 'text')
    .addColumn('removed_on', 'text')
    // expiry | repair | correction | revocation | withdrawn (before listing)
    .addColumn('removal_reason', 'text')
    // Guards concurrent changes: every update is `where version = expected`
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // standingOf: a subject's entries in force (the sanctions check reads it on every request)
  await db.schema.createIndex('list_entries_subject_idx').on('list_entries').columns(['subject_type', 'subject_id', 'status', 'ends_on']).execute();
  await db.schema.createIndex('list_entries_department_idx').on('list_entries').columns(['department_id', 'updated_at']).execute();
  // The expiry job and the reconcile feed
  await db.schema.createIndex('list_entries_status_idx').on('list_entries').columns(['status', 'ends_on']).execute();
  await db.schema.createIndex('list_entries_updated_idx').on('list_entries').columns(['updated_at', 'id']).execute();

  await db.schema
    .createTable('list_entry_records')
    .addColumn('entry_id', 'text', (c) => c.notNull().references('list_entries.id'))
    .addColumn('record_id', 'text', (c) => c.notNull().references('credit_records.id'))
    // The record as cited when the entry was proposed
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('severity', 'text')
    .addColumn('decision_date', 'text')
    .addPrimaryKeyConstraint('list_entry_records_pk', ['entry_id', 'record_id'])
    .execute();
  // A person's standing finds the organization entries resting on the records derived to them
  await db.schema.createIndex('list_entry_records_record_idx').on('list_entry_records').column('record_id').execute();

  await db.schema
    .createTable('list_entry_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entry_id', 'text', (c) => c.notNull().references('list_entries.id'))
    // propose | defence | review_request | list | withdraw | remove
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    // The entry's version after the event
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('data', 'text')
    .execute();
  await db.schema.createIndex('list_entry_events_entry_idx').on('list_entry_events').columns(['entry_id', 'at']).execute();

  await db.schema
    .createTable('list_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entry_id', 'text', (c) => c.notNull().references('list_entries.id'))
    // prior_notice | announcement | listing | exit
    .addColumn('kind', 'text', (c) => c.notNull())
    // person (to the subject only) | public (the portal) | government (政务共享)
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('title_zh', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('body_zh', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text', (c) => c.notNull())
    // Announcements: the last day of the announcement period
    .addColumn('until', 'text')
    .execute();
  await db.schema.createIndex('list_notices_entry_idx').on('list_notices').columns(['entry_id', 'published_at']).execute();
  await db.schema.createIndex('list_notices_channel_idx').on('list_notices').columns(['channel', 'kind', 'published_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['list_notices', 'list_entry_events', 'list_entry_records', 'list_entries']) await db.schema.dropTable(table).execute();
}
