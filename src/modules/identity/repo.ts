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

/** Inserts persons whose code index is not stored yet; returns how many were new. */
export async function insertPersonsIfAbsent(db: Executor, rows: PersonRow[]): Promise<number> {
  let added = 0;
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const result = await t(db)
      .insertInto('persons')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .onConflict((oc) => oc.column('codeIndex').doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

export const findOrganizationByCode = (db: Executor, orgCode: string) =>
  t(db).selectFrom('organizations').selectAll().where('orgCode', '=', orgCode).executeTakeFirst();

export async function insertOrganizationsIfAbsent(db: Executor, rows: OrganizationRow[]): Promise<number> {
  let added = 0;
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const result = await t(db)
      .insertInto('organizations')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .onConflict((oc) => oc.column('orgCode').doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

export async function countRows(db: Executor, table: 'persons' | 'organizations'): Promise<number> {
  const row = await t(db)
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
