import type { Kysely } from 'kysely';
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

/** SQLite allows 32,766 bound parameters per statement; 10 columns × 1,000 rows stays well inside. */
const INSERT_CHUNK = 1000;

export const findPersonByIndex = (db: Executor, codeIndex: string) =>
  t(db).selectFrom('persons').selectAll().where('codeIndex', '=', codeIndex).executeTakeFirst();

export const findPerson = (db: Executor, id: string) => t(db).selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();

/** Inserts the rows whose unique key is not stored yet, in chunks; returns how many were new. */
async function insertIfAbsent<T extends keyof IdentityTables>(
  db: Executor,
  table: T,
  key: 'codeIndex' | 'orgCode',
  rows: IdentityTables[T][],
): Promise<number> {
  let added = 0;
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const result = await (t(db) as unknown as Kysely<Record<string, Record<string, unknown>>>)
      .insertInto(table)
      .values(rows.slice(i, i + INSERT_CHUNK) as unknown as Record<string, unknown>[])
      .onConflict((oc) => oc.column(key).doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

export const insertPersonsIfAbsent = (db: Executor, rows: PersonRow[]) => insertIfAbsent(db, 'persons', 'codeIndex', rows);

export const findOrganizationByCode = (db: Executor, orgCode: string) =>
  t(db).selectFrom('organizations').selectAll().where('orgCode', '=', orgCode).executeTakeFirst();

export const insertOrganizationsIfAbsent = (db: Executor, rows: OrganizationRow[]) => insertIfAbsent(db, 'organizations', 'orgCode', rows);

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

/** Replaces a ciphertext only if nobody changed it meanwhile (optimistic, no row locks needed). */
export async function replaceCodeCipher(db: Executor, id: string, expected: string, replacement: string, now: string): Promise<boolean> {
  const result = await t(db).updateTable('persons').set({ codeCipher: replacement, updatedAt: now }).where('id', '=', id).where('codeCipher', '=', expected).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ids of the persons holding these blind indexes (one query per call; callers chunk). */
export const findPersonIdsByIndexes = (db: Executor, codeIndexes: readonly string[]) =>
  codeIndexes.length === 0 ? Promise.resolve([]) : t(db).selectFrom('persons').select(['id', 'codeIndex']).where('codeIndex', 'in', codeIndexes).execute();

/** Ids of the organizations holding these codes (one query per call; callers chunk). */
export const findOrganizationIdsByCodes = (db: Executor, orgCodes: readonly string[]) =>
  orgCodes.length === 0 ? Promise.resolve([]) : t(db).selectFrom('organizations').select(['id', 'orgCode']).where('orgCode', 'in', orgCodes).execute();
