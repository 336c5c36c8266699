import type { Kysely } from 'kysely';

/**
 * Tamper evidence for the access log (issue: access log and 等保 level 3): each entry gets its
 * position in an RFC 9162 Merkle tree (SM3) and its leaf hash; signed tree heads (SM2) pin the
 * tree at intervals. The frontier lets the log grow without rereading it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_entries').addColumn('seq', 'integer').execute();
  await db.schema.alterTable('audit_entries').addColumn('leaf_hash', 'text').execute();
  await db.schema.createIndex('audit_entries_seq_idx').on('audit_entries').column('seq').unique().execute();

  await db.schema
    .createTable('audit_ledger_state')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tree_size', 'integer', (c) => c.notNull())
    .addColumn('frontier', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_signing_keys')
    .addColumn('key_id', 'text', (c) => c.primaryKey())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('first_used_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_tree_heads')
    .addColumn('tree_size', 'integer', (c) => c.primaryKey())
    .addColumn('root_hash', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_tree_heads').execute();
  await db.schema.dropTable('audit_signing_keys').execute();
  await db.schema.dropTable('audit_ledger_state').execute();
  await db.schema.dropIndex('audit_entries_seq_idx').execute();
  await db.schema.alterTable('audit_entries').dropColumn('leaf_hash').execute();
  await db.schema.alterTable('audit_entries').dropColumn('seq').execute();
}
