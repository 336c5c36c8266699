import type { Kysely } from 'kysely';
import type { Executor } from '../../db/index.ts';

/** The current definition of an item. Booleans are 0/1; `fields`, `publication`, `retention`, `notes` are JSON text. */
export interface CatalogItemRow {
  id: string;
  code: string;
  version: number;
  name: string;
  subjectType: string;
  category: string;
  severity: string | null;
  severityPerRecord: number;
  keyDomain: string | null;
  provider: string;
  legalBasis: string | null;
  sourceDocument: string;
  disclosureLevel: string;
  dataFormat: string;
  coverage: string;
  updateCycle: string;
  fields: string;
  publication: string;
  retention: string;
  notes: string;
  minSubjectAge: number | null;
  jointPunishmentBasis: number;
  unconfirmedUtilityArrears: number;
  reducesRights: number;
  expertReviewedAt: string | null;
  publicCommentAt: string | null;
  active: number;
  seedVersion: string | null;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface CatalogItemVersionRow {
  id: string;
  itemId: string;
  version: number;
  changeKind: string;
  /** The whole definition after this change (JSON). */
  snapshot: string;
  changedBy: string | null;
  changedAt: string;
  reason: string;
}

export interface CatalogItemSourceRow {
  itemId: string;
  orgCode: string;
}

export interface KeyProfessionRow {
  code: string;
  name: string;
  licenceLabel: string;
  legalBasis: string;
  seedVersion: string;
  createdAt: string;
}

export interface CatalogTables {
  catalogItems: CatalogItemRow;
  catalogItemVersions: CatalogItemVersionRow;
  catalogItemSources: CatalogItemSourceRow;
  keyProfessions: KeyProfessionRow;
}

const t = (db: Executor) => db as unknown as Kysely<CatalogTables>;

export interface ItemFilter {
  subjectType?: string;
  category?: string;
  keyDomain?: string;
  active?: boolean;
}

export const findItemByCode = (db: Executor, code: string) => t(db).selectFrom('catalogItems').selectAll().where('code', '=', code).executeTakeFirst();

export function listItems(db: Executor, filter: ItemFilter): Promise<CatalogItemRow[]> {
  let q = t(db).selectFrom('catalogItems').selectAll();
  if (filter.subjectType !== undefined) q = q.where('subjectType', '=', filter.subjectType);
  if (filter.category !== undefined) q = q.where('category', '=', filter.category);
  if (filter.keyDomain !== undefined) q = q.where('keyDomain', '=', filter.keyDomain);
  if (filter.active !== undefined) q = q.where('active', '=', filter.active ? 1 : 0);
  return q.orderBy('code').execute();
}

/** Inserts the item unless its code is taken; true when this call inserted it. */
export async function insertItemIfAbsent(db: Executor, row: CatalogItemRow): Promise<boolean> {
  const result = await t(db).insertInto('catalogItems').values(row).onConflict((oc) => oc.column('code').doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Replaces the current definition only if it is still at `expectedVersion` (optimistic, no row locks). */
export async function updateItemIfVersion(db: Executor, row: CatalogItemRow, expectedVersion: number): Promise<boolean> {
  const { id, code: _code, createdAt: _createdAt, seedVersion: _seedVersion, ...changes } = row;
  const result = await t(db).updateTable('catalogItems').set(changes).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertVersion(db: Executor, row: CatalogItemVersionRow): Promise<void> {
  await t(db).insertInto('catalogItemVersions').values(row).execute();
}

export const listVersions = (db: Executor, itemId: string) =>
  t(db).selectFrom('catalogItemVersions').selectAll().where('itemId', '=', itemId).orderBy('version').execute();

export async function listSources(db: Executor, itemIds: string[]): Promise<Map<string, string[]>> {
  const bySource = new Map<string, string[]>();
  if (itemIds.length === 0) return bySource;
  const rows = await t(db).selectFrom('catalogItemSources').selectAll().where('itemId', 'in', itemIds).execute();
  for (const row of rows) bySource.set(row.itemId, [...(bySource.get(row.itemId) ?? []), row.orgCode]);
  return bySource;
}

export async function replaceSources(db: Executor, itemId: string, orgCodes: string[]): Promise<void> {
  await t(db).deleteFrom('catalogItemSources').where('itemId', '=', itemId).execute();
  if (orgCodes.length > 0) await t(db).insertInto('catalogItemSources').values(orgCodes.map((orgCode) => ({ itemId, orgCode }))).execute();
}

/** True when the department (or any department, `*`) is a source of the item with this code. */
export async function hasSource(db: Executor, itemCode: string, orgCodes: string[]): Promise<boolean> {
  const row = await t(db)
    .selectFrom('catalogItemSources')
    .innerJoin('catalogItems', 'catalogItems.id', 'catalogItemSources.itemId')
    .select('catalogItemSources.orgCode')
    .where('catalogItems.code', '=', itemCode)
    .where('catalogItemSources.orgCode', 'in', orgCodes)
    .executeTakeFirst();
  return row !== undefined;
}

export const listKeyProfessions = (db: Executor) => t(db).selectFrom('keyProfessions').selectAll().orderBy('createdAt').orderBy('code').execute();

export async function insertKeyProfessionIfAbsent(db: Executor, row: KeyProfessionRow): Promise<boolean> {
  const result = await t(db).insertInto('keyProfessions').values(row).onConflict((oc) => oc.column('code').doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

