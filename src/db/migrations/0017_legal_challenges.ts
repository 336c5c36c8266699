import type { Kysely } from 'kysely';

/**
 * Administrative reconsideration and litigation on a credit record (行政复议、行政诉讼, issue 7):
 * one row per challenge, recorded by the record's source department or the platform, later
 * concluded with an outcome; every step is an event. Nothing is deleted.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('legal_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // credit_records.id (reached through the records service, no foreign key across modules)
    .addColumn('record_id', 'text', (c) => c.notNull())
    // The record's id while the challenge is pending, null once concluded: the unique index below
    // allows one pending challenge per record on both engines (NULLs never collide).
    .addColumn('pending_record_id', 'text')
    // The subject the record is about: person | organization, by id
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    // The record's source department
    .addColumn('department_id', 'text', (c) => c.notNull())
    // reconsideration 行政复议 | litigation 行政诉讼
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('case_number', 'text', (c) => c.notNull())
    // 复议机关 / 人民法院, as written
    .addColumn('handled_by', 'text', (c) => c.notNull())
    // YYYY-MM-DD, Asia/Shanghai
    .addColumn('filed_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    // pending | concluded
    .addColumn('status', 'text', (c) => c.notNull())
    // The disclosure suspension while pending (null: the rules do not suspend)
    .addColumn('suspension_id', 'text')
    // upheld 维持 | revoked 撤销 | changed 变更 | withdrawn 撤回/驳回
    .addColumn('outcome', 'text')
    .addColumn('concluded_on', 'text')
    .addColumn('outcome_note', 'text')
    .addColumn('concluded_at', 'text')
    .addColumn('concluded_by', 'text')
    // revoked: the disclosure withdrawal made on conclusion (Art. 42)
    .addColumn('withdrawal_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('legal_challenges_pending_record_uq').on('legal_challenges').column('pending_record_id').unique().execute();
  await db.schema.createIndex('legal_challenges_record_idx').on('legal_challenges').column('record_id').execute();
  await db.schema.createIndex('legal_challenges_subject_idx').on('legal_challenges').columns(['subject_kind', 'subject_id']).execute();
  await db.schema.createIndex('legal_challenges_department_idx').on('legal_challenges').columns(['department_id', 'status']).execute();
  await db.schema
    .createTable('legal_challenge_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('challenge_id', 'text', (c) => c.notNull().references('legal_challenges.id'))
    // record | conclude
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by', 'text')
    .execute();
  await db.schema.createIndex('legal_challenge_events_challenge_idx').on('legal_challenge_events').column('challenge_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('legal_challenge_events').execute();
  await db.schema.dropTable('legal_challenges').execute();
}
