import type { Kysely } from 'kysely';

/**
 * Citizen centre and authorized queries (issue 6).
 *
 * - `authorizations`: a person's grant to a named organization (GB 32100 code) of queries for one
 *   purpose and scope, within a validity and a number of uses (征信业管理条例 Art. 18, 20;
 *   《河南省社会信用条例》Art. 22). Uses are counted in place, guarded by `uses < max_uses`, so two
 *   concurrent queries cannot both take the last one; revocation is a state change with who and when.
 * - `credit_agency_blacklist`: credit agencies kept out (济政办〔2017〕55号 (四)8), with basis and
 *   period; lifting an entry is a state change, never a deletion.
 * - `users.organization_code`: an API client of an external organization (bank, employer, credit
 *   agency) names it, so its queries are checked against authorizations granted to that code.
 * - `users.oidc_subject`: the identity provider's subject of a citizen account created by real-name login.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('authorizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('organization_code', 'text', (c) => c.notNull())
    .addColumn('organization_name', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    // JSON {categories?, itemCodes?}: what the authorized report may contain
    .addColumn('scope', 'text', (c) => c.notNull())
    // YYYY-MM-DD, Asia/Shanghai, both days included
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('max_uses', 'integer', (c) => c.notNull())
    .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_used_at', 'text')
    // active | revoked (expired and used up are computed from the dates and the count)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text', (c) => c.references('users.id'))
    .addColumn('revoke_reason', 'text')
    .execute();
  await db.schema.createIndex('authorizations_person_idx').on('authorizations').columns(['person_id', 'granted_at']).execute();
  await db.schema.createIndex('authorizations_org_idx').on('authorizations').columns(['organization_code', 'person_id']).execute();

  await db.schema
    .createTable('credit_agency_blacklist')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_code', 'text', (c) => c.notNull())
    .addColumn('organization_name', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    // YYYY-MM-DD; until null = until lifted
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('until_date', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('lifted_at', 'text')
    .addColumn('lifted_by', 'text', (c) => c.references('users.id'))
    .addColumn('lift_reason', 'text')
    .execute();
  await db.schema.createIndex('credit_agency_blacklist_org_idx').on('credit_agency_blacklist').column('organization_code').execute();

  await db.schema.alterTable('users').addColumn('organization_code', 'text').execute();
  await db.schema.alterTable('users').addColumn('oidc_subject', 'text').execute();
  await db.schema.createIndex('users_oidc_subject_idx').on('users').column('oidc_subject').unique().execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('users_oidc_subject_idx').execute();
  await db.schema.alterTable('users').dropColumn('oidc_subject').execute();
  await db.schema.alterTable('users').dropColumn('organization_code').execute();
  await db.schema.dropTable('credit_agency_blacklist').execute();
  await db.schema.dropTable('authorizations').execute();
}
