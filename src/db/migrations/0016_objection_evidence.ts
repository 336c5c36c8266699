import type { Kysely } from 'kysely';

/**
 * Evidence files (issue 7; 《河南省社会信用条例》Art. 41: "并提交相关证明材料"): the files handed in
 * with an objection or correction (evidence, an agent's power of attorney) and with a repair
 * application (commitment letter, proofs). The bytes live under DATA_DIR/uploads; the rows keep
 * name, type, size, SM3 hash and where. Also on `objections`: the agent who filed for the subject
 * (委托代理人) and the credit report the objection was raised from. Nothing is deleted.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // persons.id of the citizen who filed as the subject's agent (null: the subject filed it)
  await db.schema.alterTable('objections').addColumn('agent_person_id', 'text').execute();
  // credit_reports.number the objected line was read from (null: filed on the record or entry)
  await db.schema.alterTable('objections').addColumn('report_number', 'text').execute();
  await db.schema.createIndex('objections_agent_idx').on('objections').column('agent_person_id').execute();

  await db.schema
    .createTable('objection_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('objection_id', 'text', (c) => c.notNull().references('objections.id'))
    // evidence (证明材料) | power_of_attorney (授权委托书)
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    // Sniffed from the content: application/pdf | image/jpeg | image/png
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    // SM3 of the content, hex
    .addColumn('content_hash', 'text', (c) => c.notNull())
    // Relative to DATA_DIR/uploads
    .addColumn('stored_path', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text')
    .execute();
  await db.schema.createIndex('objection_files_objection_idx').on('objection_files').column('objection_id').execute();

  await db.schema
    .createTable('repair_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('repair_applications.id'))
    // commitment_letter (信用承诺书) | performance_proof (履行证明) | training_certificate (培训证明) | public_service_proof (志愿服务、慈善捐助证明)
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('stored_path', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text')
    .execute();
  await db.schema.createIndex('repair_files_application_idx').on('repair_files').column('application_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('repair_files').execute();
  await db.schema.dropTable('objection_files').execute();
  await db.schema.dropIndex('objections_agent_idx').execute();
  await db.schema.alterTable('objections').dropColumn('report_number').execute();
  await db.schema.alterTable('objections').dropColumn('agent_person_id').execute();
}
