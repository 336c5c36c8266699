import type { Kysely } from 'kysely';

/**
 * Two-factor authentication for administrators (GB/T 22239-2019 8.1.4.1 d)): one TOTP secret per
 * user, stored SM4-encrypted (`FieldCipher`, `v<keyVersion>:…`), never in clear. A secret counts
 * only once confirmed with a code from the user's authenticator. `last_used_step` is the RFC 6238
 * time step of the last accepted code, so the same code is never accepted twice (replay).
 *
 * `sessions.second_factor_at` records when a session proved the second factor; a role that
 * requires it gets a restricted session while it is null, so the rule is evaluated per session.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('user_two_factor')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('secret_cipher', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_step', 'integer')
    .execute();

  await db.schema.alterTable('sessions').addColumn('second_factor_at', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('second_factor_at').execute();
  await db.schema.dropTable('user_two_factor').execute();
}
