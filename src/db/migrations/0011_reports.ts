import type { Kysely } from 'kysely';

/**
 * Credit reports (issue 6): the registry of issued reports, so a presented report can be
 * verified online by number and verification code, or by its content hash. It keeps what
 * verification needs and no more personal data: the subject's id, masked name and masked code,
 * never the report's content (the content hash identifies it; the person's records stay in their
 * own tables). Rows are never updated or deleted.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('credit_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('verification_code', 'text', (c) => c.notNull())
    // personal | professional (authorized reports come with authorizations)
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('profession_code', 'text')
    // JSON scope ({categories, itemCodes}) or null for a full report
    .addColumn('scope', 'text')
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('subject_name_masked', 'text', (c) => c.notNull())
    .addColumn('subject_code_masked', 'text', (c) => c.notNull())
    // SM3 of the RFC 8785 canonical content, and the SM2 signature over it
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    // counter | self | cli; the format first asked for (json | html | pdf)
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    // users.id; null when printed from the CLI
    .addColumn('issued_by', 'text')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('credit_reports_subject_idx').on('credit_reports').columns(['subject_kind', 'subject_id', 'issued_at']).execute();
  await db.schema.createIndex('credit_reports_hash_idx').on('credit_reports').column('content_hash').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('credit_reports').execute();
}
