import type { Kysely } from 'kysely';
import type { Executor } from '../../db/index.ts';

export interface CreditReportRow {
  id: string;
  number: string;
  verificationCode: string;
  type: string;
  professionCode: string | null;
  scope: string | null;
  subjectKind: string;
  subjectId: string;
  subjectNameMasked: string;
  subjectCodeMasked: string;
  contentHash: string;
  signature: string;
  keyId: string;
  channel: string;
  format: string;
  issuedAt: string;
  issuedOn: string;
  issuedBy: string | null;
  purpose: string;
}

export interface AuthorizationRow {
  id: string;
  personId: string;
  organizationCode: string;
  organizationName: string;
  purpose: string;
  /** JSON ReportScope */
  scope: string;
  validFrom: string;
  validUntil: string;
  maxUses: number;
  uses: number;
  lastUsedAt: string | null;
  /** active | revoked */
  status: string;
  grantedAt: string;
  grantedBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
}

export interface BlacklistRow {
  id: string;
  organizationCode: string;
  organizationName: string;
  basis: string;
  fromDate: string;
  untilDate: string | null;
  createdAt: string;
  createdBy: string | null;
  liftedAt: string | null;
  liftedBy: string | null;
  liftReason: string | null;
}

interface ReportTables {
  creditReports: CreditReportRow;
  authorizations: AuthorizationRow;
  creditAgencyBlacklist: BlacklistRow;
}

const t = (db: Executor) => db as unknown as Kysely<ReportTables>;

export async function insertReport(db: Executor, row: CreditReportRow): Promise<void> {
  await t(db).insertInto('creditReports').values(row).execute();
}

export const findReportByNumber = (db: Executor, number: string) => t(db).selectFrom('creditReports').selectAll().where('number', '=', number).executeTakeFirst();

export async function insertAuthorization(db: Executor, row: AuthorizationRow): Promise<void> {
  await t(db).insertInto('authorizations').values(row).execute();
}

export const findAuthorization = (db: Executor, id: string) => t(db).selectFrom('authorizations').selectAll().where('id', '=', id).executeTakeFirst();

export const listAuthorizationsOf = (db: Executor, personId: string) =>
  t(db).selectFrom('authorizations').selectAll().where('personId', '=', personId).orderBy('grantedAt', 'desc').orderBy('id', 'desc').execute();

/**
 * Takes one use of an authorization if it is still usable today: one guarded UPDATE, so concurrent
 * queries cannot take more uses than were granted on either engine (no row locks needed).
 */
export async function takeAuthorizationUse(db: Executor, id: string, today: string, at: string): Promise<boolean> {
  const result = await t(db)
    .updateTable('authorizations')
    .set((eb) => ({ uses: eb('uses', '+', 1), lastUsedAt: at }))
    .where('id', '=', id)
    .where('status', '=', 'active')
    .where('validFrom', '<=', today)
    .where('validUntil', '>=', today)
    .where((eb) => eb('uses', '<', eb.ref('maxUses')))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Revokes an active authorization of the person; false when it was not active (or not theirs). */
export async function revokeAuthorization(db: Executor, id: string, personId: string, change: { at: string; by: string; reason: string | null }): Promise<boolean> {
  const result = await t(db)
    .updateTable('authorizations')
    .set({ status: 'revoked', revokedAt: change.at, revokedBy: change.by, revokeReason: change.reason })
    .where('id', '=', id)
    .where('personId', '=', personId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertBlacklistEntry(db: Executor, row: BlacklistRow): Promise<void> {
  await t(db).insertInto('creditAgencyBlacklist').values(row).execute();
}

export const listBlacklist = (db: Executor) => t(db).selectFrom('creditAgencyBlacklist').selectAll().orderBy('createdAt', 'desc').orderBy('id', 'desc').execute();

export const findBlacklistEntry = (db: Executor, id: string) => t(db).selectFrom('creditAgencyBlacklist').selectAll().where('id', '=', id).executeTakeFirst();

/** The entry keeping this organization out today, if any. */
export const findBlacklistInForce = (db: Executor, organizationCode: string, today: string) =>
  t(db)
    .selectFrom('creditAgencyBlacklist')
    .selectAll()
    .where('organizationCode', '=', organizationCode)
    .where('liftedAt', 'is', null)
    .where('fromDate', '<=', today)
    .where((eb) => eb.or([eb('untilDate', 'is', null), eb('untilDate', '>=', today)]))
    .executeTakeFirst();

export async function liftBlacklistEntry(db: Executor, id: string, change: { at: string; by: string; reason: string }): Promise<boolean> {
  const result = await t(db)
    .updateTable('creditAgencyBlacklist')
    .set({ liftedAt: change.at, liftedBy: change.by, liftReason: change.reason })
    .where('id', '=', id)
    .where('liftedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
