import type { Kysely } from 'kysely';
import type { Executor } from '../../db/index.ts';

export interface DepartmentRow {
  id: string;
  name: string;
  orgCode: string;
  createdAt: string;
}

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: string;
  departmentId: string | null;
  personId: string | null;
  passwordHash: string;
  status: string;
  failedLogins: number;
  lockedUntil: string | null;
  passwordChangedAt: string;
  createdAt: string;
  createdBy: string | null;
}

export interface SessionRow {
  id: string;
  tokenDigest: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
  revokedAt: string | null;
  revokedReason: string | null;
  clientAddress: string | null;
  userAgent: string | null;
}

export interface AccountPolicyRow {
  key: string;
  value: number;
  unit: string;
  legalBasis: string;
  seedVersion: string;
  updatedAt: string;
}

export interface AccountsTables {
  departments: DepartmentRow;
  users: UserRow;
  sessions: SessionRow;
  accountPolicies: AccountPolicyRow;
}

const t = (db: Executor) => db as unknown as Kysely<AccountsTables>;

export const listDepartments = (db: Executor) => t(db).selectFrom('departments').selectAll().orderBy('createdAt').orderBy('id').execute();

export const findDepartment = (db: Executor, id: string) => t(db).selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();

export const findDepartmentByOrgCode = (db: Executor, orgCode: string) =>
  t(db).selectFrom('departments').selectAll().where('orgCode', '=', orgCode).executeTakeFirst();

export async function insertDepartment(db: Executor, row: DepartmentRow): Promise<void> {
  await t(db).insertInto('departments').values(row).execute();
}

export async function countRows(db: Executor, table: 'departments' | 'users'): Promise<number> {
  const row = await t(db)
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const findUserByUsername = (db: Executor, username: string) =>
  t(db).selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();

export const findUser = (db: Executor, id: string) => t(db).selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export const listUsers = (db: Executor, limit: number, offset: number) =>
  t(db).selectFrom('users').selectAll().orderBy('createdAt').orderBy('id').limit(limit).offset(offset).execute();

export const countUsersWithRole = async (db: Executor, role: string) =>
  Number(
    (
      await t(db)
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', role)
        .executeTakeFirstOrThrow()
    ).n,
  );

export async function insertUser(db: Executor, row: UserRow): Promise<void> {
  await t(db).insertInto('users').values(row).execute();
}

export async function recordLoginFailure(db: Executor, userId: string, failedLogins: number, lockedUntil: string | null): Promise<void> {
  await t(db).updateTable('users').set({ failedLogins, lockedUntil }).where('id', '=', userId).execute();
}

export async function clearLoginFailures(db: Executor, userId: string): Promise<void> {
  await t(db).updateTable('users').set({ failedLogins: 0, lockedUntil: null }).where('id', '=', userId).execute();
}

export async function insertSession(db: Executor, row: SessionRow): Promise<void> {
  await t(db).insertInto('sessions').values(row).execute();
}

export const findSessionByDigest = (db: Executor, tokenDigest: string) =>
  t(db).selectFrom('sessions').selectAll().where('tokenDigest', '=', tokenDigest).executeTakeFirst();

export async function touchSession(db: Executor, id: string, lastSeenAt: string): Promise<void> {
  await t(db).updateTable('sessions').set({ lastSeenAt }).where('id', '=', id).where('revokedAt', 'is', null).execute();
}

export async function revokeSession(db: Executor, id: string, at: string, reason: string): Promise<void> {
  await t(db).updateTable('sessions').set({ revokedAt: at, revokedReason: reason }).where('id', '=', id).where('revokedAt', 'is', null).execute();
}

export const listAccountPolicies = (db: Executor) => t(db).selectFrom('accountPolicies').selectAll().execute();

export async function upsertAccountPolicy(db: Executor, row: AccountPolicyRow): Promise<void> {
  await t(db)
    .insertInto('accountPolicies')
    .values(row)
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

export const findUsernames = (db: Executor, ids: readonly string[]) =>
  t(db).selectFrom('users').select(['id', 'username']).where('id', 'in', [...ids]).execute();
