import type { Kysely } from 'kysely';
import type { Executor } from '../../db/index.ts';

export interface DepartmentRow {
  id: string;
  name: string;
  orgCode: string;
  /** government | industry_association */
  kind: string;
  createdAt: string;
}

export interface AssociationMemberRow {
  id: string;
  departmentId: string;
  subjectType: string;
  personId: string | null;
  organizationId: string | null;
  subjectName: string;
  subjectCodeMasked: string;
  memberNumber: string | null;
  joinedOn: string;
  leftOn: string | null;
  recordedAt: string;
  recordedBy: string | null;
  updatedAt: string;
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
  /** An external organization's API client: its GB 32100 code (authorized queries, issue 6). */
  organizationCode: string | null;
  /** A citizen account made by real-name login: the identity provider's subject (`sub`). */
  oidcSubject: string | null;
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
  /** When this session proved the second factor (TOTP); null when it did not. */
  secondFactorAt: string | null;
}

export interface UserTwoFactorRow {
  userId: string;
  /** The base32 TOTP secret, SM4-encrypted by FieldCipher. */
  secretCipher: string;
  /** Null until the user confirmed the secret with a code: only then does it count. */
  confirmedAt: string | null;
  createdAt: string;
  /** RFC 6238 time step of the last accepted code (replay guard). */
  lastUsedStep: number | null;
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
  userTwoFactor: UserTwoFactorRow;
  associationMembers: AssociationMemberRow;
}

const t = (db: Executor) => db as unknown as Kysely<AccountsTables>;

export const listDepartments = (db: Executor) => t(db).selectFrom('departments').selectAll().orderBy('createdAt').orderBy('id').execute();

export const findDepartment = (db: Executor, id: string) => t(db).selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();

export const findDepartmentByOrgCode = (db: Executor, orgCode: string) =>
  t(db).selectFrom('departments').selectAll().where('orgCode', '=', orgCode).executeTakeFirst();

export async function insertDepartment(db: Executor, row: DepartmentRow): Promise<void> {
  await t(db).insertInto('departments').values(row).execute();
}

export const findMembers = (db: Executor, departmentId: string, subject: { personIds: readonly string[] } | { organizationIds: readonly string[] }) => {
  const q = t(db).selectFrom('associationMembers').selectAll().where('departmentId', '=', departmentId);
  if ('personIds' in subject) return subject.personIds.length === 0 ? Promise.resolve([]) : q.where('personId', 'in', subject.personIds).execute();
  return subject.organizationIds.length === 0 ? Promise.resolve([]) : q.where('organizationId', 'in', subject.organizationIds).execute();
};

export async function listMembers(db: Executor, departmentId: string, limit: number, offset: number): Promise<{ rows: AssociationMemberRow[]; total: number }> {
  const q = t(db).selectFrom('associationMembers').where('departmentId', '=', departmentId);
  const rows = await q.selectAll().orderBy('joinedOn', 'desc').orderBy('id').limit(limit).offset(offset).execute();
  const count = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

export async function insertMember(db: Executor, row: AssociationMemberRow): Promise<void> {
  await t(db).insertInto('associationMembers').values(row).execute();
}

export async function updateMember(db: Executor, id: string, change: Pick<AssociationMemberRow, 'memberNumber' | 'joinedOn' | 'leftOn' | 'subjectName' | 'updatedAt'>): Promise<void> {
  await t(db).updateTable('associationMembers').set(change).where('id', '=', id).execute();
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

export const findUserByOidcSubject = (db: Executor, subject: string) => t(db).selectFrom('users').selectAll().where('oidcSubject', '=', subject).executeTakeFirst();

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

/** A session with its user, in one query: every authenticated request asks this. */
export async function findSessionWithUser(db: Executor, tokenDigest: string): Promise<{ session: SessionRow; user: UserRow } | undefined> {
  const row = await t(db)
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .selectAll('users')
    .select([
      'sessions.id as sessionId',
      'sessions.tokenDigest as sessionTokenDigest',
      'sessions.createdAt as sessionCreatedAt',
      'sessions.lastSeenAt as sessionLastSeenAt',
      'sessions.revokedAt as sessionRevokedAt',
      'sessions.revokedReason as sessionRevokedReason',
      'sessions.clientAddress as sessionClientAddress',
      'sessions.userAgent as sessionUserAgent',
      'sessions.secondFactorAt as sessionSecondFactorAt',
    ])
    .where('sessions.tokenDigest', '=', tokenDigest)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const { sessionId, sessionTokenDigest, sessionCreatedAt, sessionLastSeenAt, sessionRevokedAt, sessionRevokedReason, sessionClientAddress, sessionUserAgent, sessionSecondFactorAt, ...user } = row;
  return {
    user,
    session: {
      id: sessionId,
      tokenDigest: sessionTokenDigest,
      userId: user.id,
      createdAt: sessionCreatedAt,
      lastSeenAt: sessionLastSeenAt,
      revokedAt: sessionRevokedAt,
      revokedReason: sessionRevokedReason,
      clientAddress: sessionClientAddress,
      userAgent: sessionUserAgent,
      secondFactorAt: sessionSecondFactorAt,
    },
  };
}

export async function touchSession(db: Executor, id: string, lastSeenAt: string): Promise<void> {
  await t(db).updateTable('sessions').set({ lastSeenAt }).where('id', '=', id).where('revokedAt', 'is', null).execute();
}

export async function revokeSession(db: Executor, id: string, at: string, reason: string): Promise<void> {
  await t(db).updateTable('sessions').set({ revokedAt: at, revokedReason: reason }).where('id', '=', id).where('revokedAt', 'is', null).execute();
}

export async function setSecondFactor(db: Executor, id: string, at: string): Promise<void> {
  await t(db).updateTable('sessions').set({ secondFactorAt: at }).where('id', '=', id).where('revokedAt', 'is', null).execute();
}

/** Revokes the user's open sessions except `keepId`; `onlyWithoutSecondFactor` spares those that passed it. */
export async function revokeOtherSessions(
  db: Executor,
  userId: string,
  keepId: string | null,
  at: string,
  reason: string,
  options: { onlyWithoutSecondFactor?: boolean } = {},
): Promise<number> {
  let query = t(db).updateTable('sessions').set({ revokedAt: at, revokedReason: reason }).where('userId', '=', userId).where('revokedAt', 'is', null);
  if (keepId) query = query.where('id', '!=', keepId);
  if (options.onlyWithoutSecondFactor) query = query.where('secondFactorAt', 'is', null);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function updatePassword(db: Executor, userId: string, passwordHash: string, at: string): Promise<void> {
  await t(db).updateTable('users').set({ passwordHash, passwordChangedAt: at, failedLogins: 0, lockedUntil: null }).where('id', '=', userId).execute();
}

export const findTwoFactor = (db: Executor, userId: string) => t(db).selectFrom('userTwoFactor').selectAll().where('userId', '=', userId).executeTakeFirst();

/**
 * Starts (or restarts) enrolment with a new secret. False when the user's secret is already
 * confirmed: that one is never replaced here.
 */
export async function putPendingTwoFactor(db: Executor, row: UserTwoFactorRow): Promise<boolean> {
  const result = await t(db)
    .insertInto('userTwoFactor')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('userId')
        .doUpdateSet({ secretCipher: row.secretCipher, createdAt: row.createdAt, lastUsedStep: null })
        .where('userTwoFactor.confirmedAt', 'is', null),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Records that a code of time step `step` was accepted — only if no code of that step or a later
 * one was accepted before and the secret is still the one the code was checked against. False
 * means another request got there first (a replay, or a restarted setup). `confirmAt` also turns
 * a pending secret on.
 */
export async function useTwoFactorStep(db: Executor, userId: string, step: number, guard: { secretCipher: string; confirmAt?: string }): Promise<boolean> {
  const result = await t(db)
    .updateTable('userTwoFactor')
    .set({ lastUsedStep: step, ...(guard.confirmAt ? { confirmedAt: guard.confirmAt } : {}) })
    .where('userId', '=', userId)
    .where('secretCipher', '=', guard.secretCipher)
    .where((eb) => eb.or([eb('lastUsedStep', 'is', null), eb('lastUsedStep', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const listTwoFactorWithStaleCipher = (db: Executor, currentPrefix: string, limit: number) =>
  t(db).selectFrom('userTwoFactor').select(['userId', 'secretCipher']).where('secretCipher', 'not like', `${currentPrefix}%`).orderBy('userId').limit(limit).execute();

export async function countTwoFactorWithStaleCipher(db: Executor, currentPrefix: string): Promise<number> {
  const row = await t(db)
    .selectFrom('userTwoFactor')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('secretCipher', 'not like', `${currentPrefix}%`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function replaceTwoFactorCipher(db: Executor, userId: string, from: string, to: string): Promise<boolean> {
  const result = await t(db).updateTable('userTwoFactor').set({ secretCipher: to }).where('userId', '=', userId).where('secretCipher', '=', from).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
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
