import type { Kysely } from 'kysely';

/**
 * Record ingestion (归集, issue 4): credit records with every version, the import jobs that
 * brought them (API batches, uploads, CLI imports) and the rows each job refused.
 *
 * Portable types only (text, integer); ids, timestamps and JSON are written by the application.
 * `(department_id, item_code, source_record_id)` is the idempotency key of a record: re-importing
 * a row finds it, a changed row adds a version, nothing is ever deleted (DESIGN.md decision 2).
 * No citizen code is stored here in clear: records point at `persons.id` / `organizations.id`
 * and keep only the masked code for display (decision 6).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    // The catalog item the submission was made for (rows of a 双公示 file may land on its sibling item)
    .addColumn('item_code', 'text', (c) => c.notNull())
    // api | upload | cli
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('file_path', 'text')
    // penalty-2021, permit-2016, catalog:DDMF … once recognised
    .addColumn('layout', 'text')
    // queued | running | done | failed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total_bytes', 'integer')
    .addColumn('processed_bytes', 'integer', (c) => c.notNull())
    .addColumn('rows_processed', 'integer', (c) => c.notNull())
    // The file row number up to which every row is committed (resume continues after it)
    .addColumn('last_committed_row', 'integer', (c) => c.notNull())
    .addColumn('accepted', 'integer', (c) => c.notNull())
    .addColumn('rejected', 'integer', (c) => c.notNull())
    .addColumn('unchanged', 'integer', (c) => c.notNull())
    .addColumn('versioned', 'integer', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    // 《河南省社会信用条例》Art. 17: checked within 5 working days of receipt (YYYY-MM-DD, Asia/Shanghai)
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('answered_on', 'text')
    .addColumn('error_code', 'text')
    .addColumn('error_message_zh', 'text')
    .addColumn('error_message_en', 'text')
    .addColumn('created_by', 'text')
    // Which worker holds the job and when it last proved alive (a lease, not a rule: wall time)
    .addColumn('worker_id', 'text')
    .addColumn('heartbeat_at', 'text')
    .execute();
  await db.schema.createIndex('import_jobs_department_idx').on('import_jobs').columns(['department_id', 'submitted_at']).execute();
  await db.schema.createIndex('import_jobs_status_idx').on('import_jobs').columns(['status', 'submitted_at']).execute();

  await db.schema
    .createTable('import_row_errors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('job_id', 'text', (c) => c.notNull().references('import_jobs.id'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('column_name', 'text')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('message_zh', 'text', (c) => c.notNull())
    .addColumn('message_en', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('import_row_errors_job_idx').on('import_row_errors').columns(['job_id', 'row_number']).execute();

  await db.schema
    .createTable('credit_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('item_code', 'text', (c) => c.notNull())
    // The department's own id of the record (决定书文号 …): the idempotency key with department and item
    .addColumn('source_record_id', 'text', (c) => c.notNull())
    // person | organization
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.references('persons.id'))
    .addColumn('organization_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('subject_name', 'text', (c) => c.notNull())
    // Masked citizen code (419001********1234) or the public org code; never a clear citizen code
    .addColumn('subject_code_masked', 'text', (c) => c.notNull())
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('decision_date', 'text')
    // minor | ordinary | serious for bad items
    .addColumn('severity', 'text')
    // A personal record derived from an organization's serious record (policy (一)2, Art. 35)
    .addColumn('linked_record_id', 'text', (c) => c.references('credit_records.id'))
    // legal_representative | operator | principal | directly_responsible
    .addColumn('link_role', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_job_id', 'text', (c) => c.notNull().references('import_jobs.id'))
    .addColumn('updated_job_id', 'text', (c) => c.notNull().references('import_jobs.id'))
    .addUniqueConstraint('credit_records_key_uq', ['department_id', 'item_code', 'source_record_id'])
    .execute();
  await db.schema.createIndex('credit_records_person_idx').on('credit_records').column('person_id').execute();
  await db.schema.createIndex('credit_records_organization_idx').on('credit_records').column('organization_id').execute();
  await db.schema.createIndex('credit_records_department_idx').on('credit_records').columns(['department_id', 'updated_at']).execute();
  await db.schema.createIndex('credit_records_linked_idx').on('credit_records').column('linked_record_id').execute();

  await db.schema
    .createTable('credit_record_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull().references('credit_records.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    // The record's fields as submitted and normalised, citizen codes removed (JSON)
    .addColumn('fields', 'text', (c) => c.notNull())
    // Persons and organizations the version refers to, by id: {subject, representative, responsible} (JSON)
    .addColumn('refs', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text', (c) => c.notNull().references('import_jobs.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addUniqueConstraint('credit_record_versions_uq', ['record_id', 'version'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['credit_record_versions', 'credit_records', 'import_row_errors', 'import_jobs']) {
    await db.schema.dropTable(table).execute();
  }
}
