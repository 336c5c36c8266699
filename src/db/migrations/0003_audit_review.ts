import type { Kysely } from 'kysely';

/**
 * Review of the access log (policy (四)8 查询使用登记和审查) and its retention setting
 * (《网络安全法》Art. 21(3)). Rules and the retention period are data, seeded by the services
 * (`ReviewService.seedRules`, `RetentionService.seed`), never by this migration.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_review_rules')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('seed_version', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('audit_review_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .addColumn('findings_added', 'integer', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text')
    .execute();
  await db.schema.createIndex('audit_review_runs_trigger_day_idx').on('audit_review_runs').columns(['trigger', 'day']).execute();

  await db.schema
    .createTable('audit_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('window_end', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('review_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull().references('audit_review_runs.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Re-running a day's review never duplicates a finding.
    .addUniqueConstraint('audit_findings_rule_actor_day_key', ['rule', 'actor_user_id', 'day'])
    .execute();
  await db.schema.createIndex('audit_findings_day_idx').on('audit_findings').columns(['day', 'status']).execute();
  await db.schema.createIndex('audit_findings_status_idx').on('audit_findings').columns(['status', 'day']).execute();

  // Every conclusion on a finding, so re-marking one never loses the earlier conclusion.
  await db.schema
    .createTable('audit_finding_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('finding_id', 'text', (c) => c.notNull().references('audit_findings.id'))
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_finding_reviews_finding_idx').on('audit_finding_reviews').columns(['finding_id', 'reviewed_at']).execute();

  // Append-only: the current setting is the newest row. `previous_id` is unique, so two
  // concurrent changes from the same setting cannot both land (one gets a conflict).
  await db.schema
    .createTable('audit_retention_settings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('legal_minimum_days', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('changed_by', 'text')
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('previous_id', 'text', (c) => c.unique().references('audit_retention_settings.id'))
    .execute();

  // The review and the retention count scan the log by time across all users.
  await db.schema.createIndex('audit_entries_at_idx').on('audit_entries').column('at').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_entries_at_idx').execute();
  for (const table of ['audit_retention_settings', 'audit_finding_reviews', 'audit_findings', 'audit_review_runs', 'audit_review_rules']) {
    await db.schema.dropTable(table).execute();
  }
}
