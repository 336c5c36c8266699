import type { Kysely } from 'kysely';

/**
 * 逾期督办 (issue 7): an overdue objection or repair application gets one `escalate` event per level
 * in its history. The level is stored on the event and unique per case, so the daily job can run
 * twice (or in two processes) without writing a level twice. Other events leave it null, and NULLs
 * never collide in a unique index on either engine.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('objection_events').addColumn('level', 'integer').execute();
  await db.schema.createIndex('objection_events_escalation_idx').on('objection_events').columns(['objection_id', 'level']).unique().execute();
  await db.schema.alterTable('repair_events').addColumn('level', 'integer').execute();
  await db.schema.createIndex('repair_events_escalation_idx').on('repair_events').columns(['application_id', 'level']).unique().execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('repair_events_escalation_idx').execute();
  await db.schema.alterTable('repair_events').dropColumn('level').execute();
  await db.schema.dropIndex('objection_events_escalation_idx').execute();
  await db.schema.alterTable('objection_events').dropColumn('level').execute();
}
