import { sql, type Kysely } from 'kysely';
import { insertMany, selectWhereIn } from '../../db/bulk.ts';
import type { Executor } from '../../db/index.ts';

export interface PersonRow {
  id: string;
  codeIndex: string;
  codeCipher: string;
  name: string;
  sex: string;
  birthDate: string;
  regionCode: string;
  identityStatus: string;
  createdAt: string;
  updatedAt: string;
}

export interface OrganizationRow {
  id: string;
  orgCode: string;
  name: string;
  legalRepresentativeName: string | null;
  legalRepresentativePersonId: string | null;
  regionCode: string;
  identityStatus: string;
  createdAt: string;
  updatedAt: string;
}

export interface IdentityTables {
  persons: PersonRow;
  organizations: OrganizationRow;
}

const t = (db: Executor) => db as unknown as Kysely<IdentityTables>;

export const findPersonByIndex = (db: Executor, codeIndex: string) =>
  t(db).selectFrom('persons').selectAll().where('codeIndex', '=', codeIndex).executeTakeFirst();

export const findPerson = (db: Executor, id: string) => t(db).selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();

/** Inserts the persons whose blind index is not stored yet; returns how many were new. */
export const insertPersonsIfAbsent = (db: Executor, rows: PersonRow[]) => insertMany(db, 'persons', rows, { skipConflictsOn: 'codeIndex' });

export const findOrganizationByCode = (db: Executor, orgCode: string) =>
  t(db).selectFrom('organizations').selectAll().where('orgCode', '=', orgCode).executeTakeFirst();

/** Inserts the organizations whose code is not stored yet; returns how many were new. */
export const insertOrganizationsIfAbsent = (db: Executor, rows: OrganizationRow[]) => insertMany(db, 'organizations', rows, { skipConflictsOn: 'orgCode' });

export async function countRows(db: Executor, table: 'persons' | 'organizations'): Promise<number> {
  const row = await t(db)
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Persons whose citizen code is encrypted under another key version than `currentPrefix` (`v2:`). */
export const listPersonsWithStaleCipher = (db: Executor, currentPrefix: string, limit: number) =>
  t(db).selectFrom('persons').select(['id', 'codeCipher']).where('codeCipher', 'not like', `${currentPrefix}%`).orderBy('id').limit(limit).execute();

export async function countPersonsWithStaleCipher(db: Executor, currentPrefix: string): Promise<number> {
  const row = await t(db)
    .selectFrom('persons')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('codeCipher', 'not like', `${currentPrefix}%`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks a person's identity verified (real-name login); true when it was not verified before. */
export async function markPersonVerified(db: Executor, id: string, now: string): Promise<boolean> {
  const result = await t(db).updateTable('persons').set({ identityStatus: 'verified', updatedAt: now }).where('id', '=', id).where('identityStatus', '<>', 'verified').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Replaces a ciphertext only if nobody changed it meanwhile (optimistic, no row locks needed). */
export async function replaceCodeCipher(db: Executor, id: string, expected: string, replacement: string, now: string): Promise<boolean> {
  const result = await t(db).updateTable('persons').set({ codeCipher: replacement, updatedAt: now }).where('id', '=', id).where('codeCipher', '=', expected).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ids of the persons holding these blind indexes (one query per SQLite's parameter limit). */
export const findPersonIdsByIndexes = (db: Executor, codeIndexes: readonly string[]) =>
  selectWhereIn<Pick<PersonRow, 'id' | 'codeIndex'>>(db, 'persons', ['id', 'codeIndex'], {}, 'codeIndex', codeIndexes);

/** Ids of the organizations holding these codes (one query per SQLite's parameter limit). */
export const findOrganizationIdsByCodes = (db: Executor, orgCodes: readonly string[]) =>
  selectWhereIn<Pick<OrganizationRow, 'id' | 'orgCode'>>(db, 'organizations', ['id', 'orgCode'], {}, 'orgCode', orgCodes);

// --- For the public portal (disclosure, issue 6) ---------------------------------------------

export const listBirthDates = (db: Executor, ids: readonly string[]) =>
  ids.length === 0 ? Promise.resolve([]) : t(db).selectFrom('persons').select(['id', 'birthDate']).where('id', 'in', [...ids]).execute();

/** Organizations whose name contains `fragment` (their names are public); `%`, `_` and `\` in it match themselves. */
export const listOrganizationsNamed = (db: Executor, fragment: string, limit: number) =>
  t(db)
    .selectFrom('organizations')
    .select(['id', 'orgCode', 'name'])
    .where(sql<boolean>`name like ${`%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`)
    .orderBy('name')
    .limit(limit)
    .execute();
