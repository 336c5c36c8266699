import type { Kysely } from 'kysely';

/**
 * Joint reward and punishment (联合奖惩, issue 5): business scenarios, memoranda and measures with
 * every version, the checks business systems make (decisions and their hits), their feedback, and
 * the workflow 发起 → 响应 → 惩戒/激励 → 反馈 (tasks, their measures and events).
 *
 * Portable types only; ids, timestamps and JSON are written by the application. Definitions are
 * JSON snapshots beside the few columns queries filter on. Nothing is deleted (DESIGN.md decision 2):
 * a change is a new version, a task's progress a new event.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sanction_scenarios')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('seed_version', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  for (const table of ['sanction_memoranda', 'sanction_measures'] as const) {
    let t = db.schema
      .createTable(table)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('version', 'integer', (c) => c.notNull())
      // The whole definition (JSON)
      .addColumn('definition', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull());
    if (table === 'sanction_measures') {
      t = t
        .addColumn('memorandum_code', 'text', (c) => c.notNull())
        // reward | punishment
        .addColumn('kind', 'text', (c) => c.notNull())
        // The implementing department's unified social credit code, null when none is registered here
        .addColumn('implementing_org_code', 'text');
    }
    await t
      .addColumn('seed_version', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .execute();
  }

  await db.schema
    .createTable('sanction_definition_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // memorandum | measure
    .addColumn('definition_kind', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    // seed | create | update
    .addColumn('change_kind', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text')
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addUniqueConstraint('sanction_definition_versions_uq', ['definition_kind', 'code', 'version'])
    .execute();

  await db.schema
    .createTable('sanction_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The user (API client or counter operator) who asked: only they may give its feedback
    .addColumn('caller_user_id', 'text')
    .addColumn('caller_department_id', 'text')
    // person | organization
    .addColumn('subject_type', 'text', (c) => c.notNull())
    // null when the code is unknown to the platform
    .addColumn('subject_id', 'text')
    .addColumn('subject_code_masked', 'text', (c) => c.notNull())
    .addColumn('scenario_code', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('hit_count', 'integer', (c) => c.notNull())
    // The hits as answered (JSON)
    .addColumn('hits', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sanction_decisions_subject_idx').on('sanction_decisions').columns(['subject_type', 'subject_id']).execute();
  await db.schema.createIndex('sanction_decisions_on_idx').on('sanction_decisions').column('decided_on').execute();

  await db.schema
    .createTable('sanction_decision_hits')
    .addColumn('decision_id', 'text', (c) => c.notNull().references('sanction_decisions.id'))
    .addColumn('measure_code', 'text', (c) => c.notNull())
    .addColumn('memorandum_code', 'text', (c) => c.notNull())
    .addColumn('implementing_org_code', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sanction_decision_hits_pk', ['decision_id', 'measure_code'])
    .execute();
  await db.schema.createIndex('sanction_decision_hits_memorandum_idx').on('sanction_decision_hits').column('memorandum_code').execute();

  await db.schema
    .createTable('sanction_feedback')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('decision_id', 'text', (c) => c.notNull().unique().references('sanction_decisions.id'))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('given_by', 'text')
    .addColumn('given_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sanction_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The lists module's entry id (its own table; referenced by value only)
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('list_kind', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    // Masked name for the workbench
    .addColumn('subject_label', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    // initiated | acknowledged | applied | closed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('initiated_at', 'text', (c) => c.notNull())
    .addColumn('acknowledge_due_on', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('closed_at', 'text')
    .addUniqueConstraint('sanction_tasks_entry_department_uq', ['entry_id', 'department_id'])
    .execute();
  await db.schema.createIndex('sanction_tasks_department_idx').on('sanction_tasks').columns(['department_id', 'status']).execute();

  await db.schema
    .createTable('sanction_task_measures')
    .addColumn('task_id', 'text', (c) => c.notNull().references('sanction_tasks.id'))
    .addColumn('measure_code', 'text', (c) => c.notNull())
    .addColumn('memorandum_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sanction_task_measures_pk', ['task_id', 'measure_code'])
    .execute();

  await db.schema
    .createTable('sanction_task_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('sanction_tasks.id'))
    // initiate | acknowledge | apply | feedback
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_user_id', 'text')
    .addColumn('note', 'text')
    .addColumn('data', 'text')
    .execute();
  await db.schema.createIndex('sanction_task_events_task_idx').on('sanction_task_events').columns(['task_id', 'at']).execute();

  // 惩戒/激励: each measure applied, from a check's feedback or a task
  await db.schema
    .createTable('sanction_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // feedback | task
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('decision_id', 'text', (c) => c.references('sanction_decisions.id'))
    .addColumn('task_id', 'text', (c) => c.references('sanction_tasks.id'))
    .addColumn('measure_code', 'text', (c) => c.notNull())
    .addColumn('memorandum_code', 'text', (c) => c.notNull())
    .addColumn('implementing_org_code', 'text')
    .addColumn('department_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sanction_applications_memorandum_idx').on('sanction_applications').column('memorandum_code').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'sanction_applications',
    'sanction_task_events',
    'sanction_task_measures',
    'sanction_tasks',
    'sanction_feedback',
    'sanction_decision_hits',
    'sanction_decisions',
    'sanction_definition_versions',
    'sanction_measures',
    'sanction_memoranda',
    'sanction_scenarios',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
