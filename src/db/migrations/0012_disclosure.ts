import type { Kysely } from 'kysely';

/**
 * The public portal (issue 6): suspensions of disclosure (an objection pending, later a repair
 * under review), typical cases with their versions and review events, and whistleblowing tips
 * with their attachments and events. Nothing is deleted: a lifted suspension keeps its row, an
 * edited case keeps every version, an answered tip keeps its events.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('disclosure_suspensions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // record (credit_records.id) | entry (list_entries.id)
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    // objection | repair | correction | other — why disclosure stops meanwhile
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    // YYYY-MM-DD, Asia/Shanghai: first day hidden, and the last (null: until lifted)
    .addColumn('from_on', 'text', (c) => c.notNull())
    .addColumn('until_on', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('lifted_at', 'text')
    .addColumn('lifted_on', 'text')
    .addColumn('lifted_by', 'text')
    .addColumn('lift_note', 'text')
    .execute();
  await db.schema.createIndex('disclosure_suspensions_target_idx').on('disclosure_suspensions').columns(['target_kind', 'target_id']).execute();

  await db.schema
    .createTable('typical_cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // draft | in_review | published (a published case being edited is draft again; its published version stays public)
    .addColumn('status', 'text', (c) => c.notNull())
    // dishonesty | integrity (失信 / 守信 典型案例)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('key_domain', 'text')
    .addColumn('basis', 'text')
    // departments.id of the author's department; null for the platform admin
    .addColumn('department_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('published_version', 'integer')
    .addColumn('published_on', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('typical_cases_status_idx').on('typical_cases').columns(['status', 'updated_at']).execute();
  await db.schema.createIndex('typical_cases_published_idx').on('typical_cases').columns(['published_on', 'id']).execute();

  await db.schema
    .createTable('typical_case_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('typical_cases.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    // JSON {kind, title, summary, body, keyDomain, basis}
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addUniqueConstraint('typical_case_versions_uq', ['case_id', 'version'])
    .execute();

  await db.schema
    .createTable('typical_case_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('typical_cases.id'))
    // create | update | submit | publish | return
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('actor_user_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('typical_case_events_case_idx').on('typical_case_events').columns(['case_id', 'at']).execute();

  await db.schema
    .createTable('tips')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The tracking number the reporter is given (JB + date + random)
    .addColumn('number', 'text', (c) => c.notNull().unique())
    // SM3 of the secret lookup code; the code itself is shown once and never stored
    .addColumn('code_digest', 'text', (c) => c.notNull())
    // The reporter's name and contact, SM4-encrypted (both optional): whistleblowers are protected
    .addColumn('reporter_name_cipher', 'text')
    .addColumn('reporter_contact_cipher', 'text')
    // Whom the tip is about and what happened, as the reporter wrote it
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('item_code', 'text')
    .addColumn('department_id', 'text', (c) => c.notNull())
    // received | answered
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tips_department_idx').on('tips').columns(['department_id', 'status', 'received_at']).execute();

  await db.schema
    .createTable('tip_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tip_id', 'text', (c) => c.notNull().references('tips.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    // Sniffed from the bytes: application/pdf | image/jpeg | image/png
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    // Relative to DATA_DIR/uploads
    .addColumn('stored_path', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tip_attachments_tip_idx').on('tip_attachments').column('tip_id').execute();

  await db.schema
    .createTable('tip_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tip_id', 'text', (c) => c.notNull().references('tips.id'))
    // receive | answer
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('tip_events_tip_idx').on('tip_events').columns(['tip_id', 'at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['tip_events', 'tip_attachments', 'tips', 'typical_case_events', 'typical_case_versions', 'typical_cases', 'disclosure_suspensions']) {
    await db.schema.dropTable(table).execute();
  }
}
