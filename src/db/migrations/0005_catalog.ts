import type { Kysely } from 'kysely';

/**
 * The public credit information catalog (公共信用信息目录, 《河南省社会信用条例》Art. 11): one
 * current row per item, every version ever as a JSON snapshot, the departments that may submit
 * records for an item, and the key-profession registry of 济政办〔2017〕55号 (一)2.
 *
 * Portable types only (text, integer); booleans are 0/1 integers; ids, timestamps and JSON are
 * written by the application. `catalog_items.version` guards concurrent edits (optimistic), and
 * `(item_id, version)` is unique, so two edits of the same version cannot both land.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('catalog_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // 数据代码
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('version', 'integer', (c) => c.notNull())
    // 数据名称
    .addColumn('name', 'text', (c) => c.notNull())
    // 主体类型: person | organization
    .addColumn('subject_type', 'text', (c) => c.notNull())
    // 信息性质: basic | good | bad, with severity for bad items
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('severity', 'text')
    .addColumn('severity_per_record', 'integer', (c) => c.notNull())
    // One of the 16 key domains of the policy (Chinese name), or null for cross-domain items
    .addColumn('key_domain', 'text')
    // 提供单位 (readable); the org codes that may submit are in catalog_item_sources
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text')
    .addColumn('source_document', 'text', (c) => c.notNull())
    // 共享属性: public | authorized_query | government_shared | not_disclosed
    .addColumn('disclosure_level', 'text', (c) => c.notNull())
    // 数据格式, 覆盖范围, 更新周期
    .addColumn('data_format', 'text', (c) => c.notNull())
    .addColumn('coverage', 'text', (c) => c.notNull())
    .addColumn('update_cycle', 'text', (c) => c.notNull())
    // 信息项, publication and retention rules, notes: JSON text
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('publication', 'text', (c) => c.notNull())
    .addColumn('retention', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('min_subject_age', 'integer')
    .addColumn('joint_punishment_basis', 'integer', (c) => c.notNull())
    .addColumn('unconfirmed_utility_arrears', 'integer', (c) => c.notNull())
    .addColumn('reduces_rights', 'integer', (c) => c.notNull())
    .addColumn('expert_reviewed_at', 'text')
    .addColumn('public_comment_at', 'text')
    .addColumn('active', 'integer', (c) => c.notNull())
    // The seed file version that created the item; null for items an admin created
    .addColumn('seed_version', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema.createIndex('catalog_items_filter_idx').on('catalog_items').columns(['subject_type', 'category', 'active']).execute();

  await db.schema
    .createTable('catalog_item_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('catalog_items.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    // seed | create | update
    .addColumn('change_kind', 'text', (c) => c.notNull())
    // The whole item as it was after this change (JSON)
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text')
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addUniqueConstraint('catalog_item_versions_item_version_uq', ['item_id', 'version'])
    .execute();

  await db.schema
    .createTable('catalog_item_sources')
    .addColumn('item_id', 'text', (c) => c.notNull().references('catalog_items.id'))
    // A department's unified social credit code, or `*`: any administrative organ (双公示)
    .addColumn('org_code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalog_item_sources_pk', ['item_id', 'org_code'])
    .execute();
  await db.schema.createIndex('catalog_item_sources_org_idx').on('catalog_item_sources').column('org_code').execute();

  await db.schema
    .createTable('key_professions')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('licence_label', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('seed_version', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['key_professions', 'catalog_item_sources', 'catalog_item_versions', 'catalog_items']) {
    await db.schema.dropTable(table).execute();
  }
}
