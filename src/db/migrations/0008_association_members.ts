import { sql, type Kysely } from 'kysely';

/**
 * Industry associations (行业协会商会) as source departments restricted to their members' files
 * (济政办〔2017〕55号 (二)3). A department has a kind; an association keeps its member register here,
 * and ingestion accepts its records only about current members. Leaving sets `left_on` (nothing is
 * deleted); rejoining clears it, and both are in the audit log.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // government | industry_association
  await db.schema.alterTable('departments').addColumn('kind', 'text', (c) => c.notNull().defaultTo(sql.lit('government'))).execute();
  await db.schema
    .createTable('association_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    // person | organization
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.references('persons.id'))
    .addColumn('organization_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('subject_name', 'text', (c) => c.notNull())
    // Masked citizen code or the public org code; never a clear citizen code (DESIGN.md decision 6)
    .addColumn('subject_code_masked', 'text', (c) => c.notNull())
    // The association's own membership number (会员证号)
    .addColumn('member_number', 'text')
    .addColumn('joined_on', 'text', (c) => c.notNull())
    .addColumn('left_on', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('association_members_person_uq', ['department_id', 'person_id'])
    .addUniqueConstraint('association_members_organization_uq', ['department_id', 'organization_id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('association_members').execute();
  await db.schema.alterTable('departments').dropColumn('kind').execute();
}
