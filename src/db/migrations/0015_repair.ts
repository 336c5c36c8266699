import type { Kysely } from 'kysely';

/**
 * Credit repair (issue 7): applications for the repair of one bad record and every step taken on
 * them. Nothing is deleted: a refused or granted application keeps its row, each step its event.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('repair_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    // departments.id of the record's source department, which reviews
    .addColumn('department_id', 'text', (c) => c.notNull())
    // accepted → reviewed → granted | refused (refused also straight at acceptance)
    .addColumn('status', 'text', (c) => c.notNull())
    // JSON: what the applicant declared (obligations, commitment letter, training, service)
    .addColumn('evidence', 'text', (c) => c.notNull())
    // 1 when the act was committed before the 18th birthday (minors rule)
    .addColumn('minor_at_act', 'integer', (c) => c.notNull())
    // YYYY-MM-DD, Asia/Shanghai
    .addColumn('applied_on', 'text', (c) => c.notNull())
    .addColumn('feedback_due_on', 'text', (c) => c.notNull())
    .addColumn('review_due_on', 'text')
    .addColumn('decision_due_on', 'text')
    .addColumn('reviewed_on', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('review_outcome', 'text')
    .addColumn('review_note', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('decided_by', 'text')
    // JSON: [{code, facts}] why it was refused, or the grant's note
    .addColumn('reasons', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('repair_applications_record_idx').on('repair_applications').columns(['record_id', 'status']).execute();
  await db.schema.createIndex('repair_applications_person_idx').on('repair_applications').columns(['person_id']).execute();
  await db.schema.createIndex('repair_applications_department_idx').on('repair_applications').columns(['department_id', 'status']).execute();

  await db.schema
    .createTable('repair_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull())
    // apply | refuse | review | grant
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('repair_events_application_idx').on('repair_events').columns(['application_id']).execute();
}
