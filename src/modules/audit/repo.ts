import type { Kysely } from 'kysely';
import type { Executor } from '../../db/index.ts';

export interface AuditEntryRow {
  id: string;
  at: string;
  actorUserId: string | null;
  actorRole: string | null;
  actorDepartmentId: string | null;
  action: string;
  subjectKind: string | null;
  subjectId: string | null;
  data: string | null;
  purpose: string | null;
  legalBasis: string | null;
  result: string;
  requestId: string | null;
  /** Position in the Merkle tree; null until the ledger sequences the entry. */
  seq?: number | null;
  leafHash?: string | null;
}

export interface LedgerStateRow {
  id: string;
  treeSize: number;
  frontier: string;
  updatedAt: string;
}

export interface TreeHeadRow {
  treeSize: number;
  rootHash: string;
  signedAt: string;
  keyId: string;
  signature: string;
}

export interface SigningKeyRow {
  keyId: string;
  publicKey: string;
  firstUsedAt: string;
}

export interface AuditTables {
  auditEntries: AuditEntryRow;
  auditLedgerState: LedgerStateRow;
  auditTreeHeads: TreeHeadRow;
  auditSigningKeys: SigningKeyRow;
}

const tables = (db: Executor) => db as unknown as Kysely<AuditTables>;

export async function insertAuditEntries(db: Executor, rows: AuditEntryRow[]): Promise<void> {
  if (rows.length === 0) return;
  // Chunked so one statement stays under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 500) {
    await tables(db).insertInto('auditEntries').values(rows.slice(i, i + 500)).execute();
  }
}

export async function listAuditEntriesForSubject(db: Executor, subjectKind: string, subjectId: string, limit: number): Promise<AuditEntryRow[]> {
  // Newest first, so a person sees the latest reads of their data at the top.
  return tables(db)
    .selectFrom('auditEntries')
    .selectAll()
    .where('subjectKind', '=', subjectKind)
    .where('subjectId', '=', subjectId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function countAuditEntries(db: Executor, action?: string): Promise<number> {
  let q = tables(db).selectFrom('auditEntries').select((eb) => eb.fn.countAll<number>().as('n'));
  if (action) q = q.where('action', '=', action);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

const LEDGER = 'main';

/**
 * Takes the ledger's row lock for this transaction (an UPDATE locks the row on PostgreSQL and
 * takes the write lock on SQLite), so two sequencers — a server and a CLI — never interleave.
 */
export async function lockLedgerState(tx: Executor, now: string): Promise<LedgerStateRow> {
  await tables(tx).insertInto('auditLedgerState').values({ id: LEDGER, treeSize: 0, frontier: '[]', updatedAt: now }).onConflict((oc) => oc.column('id').doNothing()).execute();
  await tables(tx).updateTable('auditLedgerState').set({ updatedAt: now }).where('id', '=', LEDGER).execute();
  return tables(tx).selectFrom('auditLedgerState').selectAll().where('id', '=', LEDGER).executeTakeFirstOrThrow();
}

export async function saveLedgerState(tx: Executor, treeSize: number, frontier: string, now: string): Promise<void> {
  await tables(tx).updateTable('auditLedgerState').set({ treeSize, frontier, updatedAt: now }).where('id', '=', LEDGER).execute();
}

export const readLedgerState = (db: Executor) => tables(db).selectFrom('auditLedgerState').selectAll().where('id', '=', LEDGER).executeTakeFirst();

export const listUnsequenced = (db: Executor, limit: number) =>
  tables(db).selectFrom('auditEntries').selectAll().where('seq', 'is', null).orderBy('at').orderBy('id').limit(limit).execute();

export async function countUnsequenced(db: Executor): Promise<number> {
  const row = await tables(db).selectFrom('auditEntries').select((eb) => eb.fn.countAll<number>().as('n')).where('seq', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function assignSequence(tx: Executor, id: string, seq: number, leafHash: string): Promise<void> {
  await tables(tx).updateTable('auditEntries').set({ seq, leafHash }).where('id', '=', id).where('seq', 'is', null).execute();
}

/** Sequenced entries in tree order, a page at a time. */
export const listSequencedPage = (db: Executor, fromSeq: number, limit: number) =>
  tables(db).selectFrom('auditEntries').selectAll().where('seq', '>=', fromSeq).orderBy('seq').limit(limit).execute();

export async function leafHashesBelow(db: Executor, treeSize: number): Promise<{ seq: number; leafHash: string }[]> {
  const rows = await tables(db).selectFrom('auditEntries').select(['seq', 'leafHash']).where('seq', '<', treeSize).orderBy('seq').execute();
  return rows.map((r) => ({ seq: Number(r.seq), leafHash: r.leafHash ?? '' }));
}

export async function insertTreeHead(tx: Executor, row: TreeHeadRow): Promise<void> {
  await tables(tx).insertInto('auditTreeHeads').values(row).onConflict((oc) => oc.column('treeSize').doNothing()).execute();
}

export const listTreeHeads = (db: Executor) => tables(db).selectFrom('auditTreeHeads').selectAll().orderBy('treeSize').execute();

export const latestTreeHead = (db: Executor) => tables(db).selectFrom('auditTreeHeads').selectAll().orderBy('treeSize', 'desc').limit(1).executeTakeFirst();

export const findTreeHead = (db: Executor, treeSize: number) => tables(db).selectFrom('auditTreeHeads').selectAll().where('treeSize', '=', treeSize).executeTakeFirst();

export async function recordSigningKey(tx: Executor, row: SigningKeyRow): Promise<void> {
  await tables(tx).insertInto('auditSigningKeys').values(row).onConflict((oc) => oc.column('keyId').doNothing()).execute();
}

export const listSigningKeys = (db: Executor) => tables(db).selectFrom('auditSigningKeys').selectAll().execute();
