import type { Kysely } from 'kysely';
import type { Executor } from '../../db/index.ts';

export interface SuspensionRow {
  id: string;
  targetKind: string;
  targetId: string;
  reason: string;
  note: string;
  fromOn: string;
  untilOn: string | null;
  createdBy: string | null;
  createdAt: string;
  liftedAt: string | null;
  liftedOn: string | null;
  liftedBy: string | null;
  liftNote: string | null;
}

export interface CaseRow {
  id: string;
  status: string;
  kind: string;
  title: string;
  summary: string;
  body: string;
  keyDomain: string | null;
  basis: string | null;
  departmentId: string | null;
  version: number;
  publishedVersion: number | null;
  publishedOn: string | null;
  submittedBy: string | null;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

export interface CaseVersionRow {
  id: string;
  caseId: string;
  version: number;
  snapshot: string;
  changedBy: string;
  changedAt: string;
  reason: string;
}

export interface CaseEventRow {
  id: string;
  caseId: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  version: number;
  actorUserId: string;
  at: string;
  note: string | null;
}

export interface TipRow {
  id: string;
  number: string;
  codeDigest: string;
  reporterNameCipher: string | null;
  reporterContactCipher: string | null;
  subject: string;
  description: string;
  itemCode: string | null;
  departmentId: string;
  status: string;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  receivedAt: string;
  receivedOn: string;
  version: number;
}

export interface TipAttachmentRow {
  id: string;
  tipId: string;
  fileName: string;
  contentType: string;
  bytes: number;
  contentHash: string;
  storedPath: string;
}

export interface TipEventRow {
  id: string;
  tipId: string;
  action: string;
  actorUserId: string | null;
  at: string;
  note: string | null;
}

interface DisclosureTables {
  disclosureSuspensions: SuspensionRow;
  typicalCases: CaseRow;
  typicalCaseVersions: CaseVersionRow;
  typicalCaseEvents: CaseEventRow;
  tips: TipRow;
  tipAttachments: TipAttachmentRow;
  tipEvents: TipEventRow;
}

const t = (db: Executor) => db as unknown as Kysely<DisclosureTables>;

// --- Suspensions ------------------------------------------------------------------------------

export async function insertSuspension(db: Executor, row: SuspensionRow): Promise<void> {
  await t(db).insertInto('disclosureSuspensions').values(row).execute();
}

export const findSuspension = (db: Executor, id: string) => t(db).selectFrom('disclosureSuspensions').selectAll().where('id', '=', id).executeTakeFirst();

/** Lifts a suspension not lifted yet; returns whether it did (a second lift changes nothing). */
export async function liftSuspension(db: Executor, id: string, changes: Pick<SuspensionRow, 'liftedAt' | 'liftedOn' | 'liftedBy' | 'liftNote'>): Promise<boolean> {
  const result = await t(db).updateTable('disclosureSuspensions').set(changes).where('id', '=', id).where('liftedAt', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Suspensions in effect on `today` for any of these targets: started, not past their last day, not lifted. */
export async function listActiveSuspensions(db: Executor, targets: ReadonlyArray<{ kind: string; id: string }>, today: string): Promise<SuspensionRow[]> {
  if (targets.length === 0) return [];
  const ids = [...new Set(targets.map((x) => x.id))];
  const rows = await t(db)
    .selectFrom('disclosureSuspensions')
    .selectAll()
    .where('targetId', 'in', ids)
    .where('fromOn', '<=', today)
    .where((eb) => eb.or([eb('untilOn', 'is', null), eb('untilOn', '>=', today)]))
    .where('liftedAt', 'is', null)
    .execute();
  const wanted = new Set(targets.map((x) => `${x.kind}:${x.id}`));
  return rows.filter((r) => wanted.has(`${r.targetKind}:${r.targetId}`));
}

export const listSuspensionsOf = (db: Executor, target: { kind: string; id: string }) =>
  t(db).selectFrom('disclosureSuspensions').selectAll().where('targetKind', '=', target.kind).where('targetId', '=', target.id).orderBy('createdAt').orderBy('id').execute();

// --- Typical cases ----------------------------------------------------------------------------

export async function insertCase(db: Executor, row: CaseRow): Promise<void> {
  await t(db).insertInto('typicalCases').values(row).execute();
}

export const findCase = (db: Executor, id: string) => t(db).selectFrom('typicalCases').selectAll().where('id', '=', id).executeTakeFirst();

/** Applies `changes` only while the case is still at `version` and `status`; returns whether it did. */
export async function updateCase(db: Executor, id: string, guard: { version: number; status: string }, changes: Partial<CaseRow>): Promise<boolean> {
  const result = await t(db).updateTable('typicalCases').set(changes).where('id', '=', id).where('version', '=', guard.version).where('status', '=', guard.status).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertCaseVersion(db: Executor, row: CaseVersionRow): Promise<void> {
  await t(db).insertInto('typicalCaseVersions').values(row).execute();
}

export const listCaseVersions = (db: Executor, caseId: string) => t(db).selectFrom('typicalCaseVersions').selectAll().where('caseId', '=', caseId).orderBy('version').execute();

export const findCaseVersion = (db: Executor, caseId: string, version: number) =>
  t(db).selectFrom('typicalCaseVersions').selectAll().where('caseId', '=', caseId).where('version', '=', version).executeTakeFirst();

export async function insertCaseEvent(db: Executor, row: CaseEventRow): Promise<void> {
  await t(db).insertInto('typicalCaseEvents').values(row).execute();
}

export const listCaseEvents = (db: Executor, caseId: string) => t(db).selectFrom('typicalCaseEvents').selectAll().where('caseId', '=', caseId).orderBy('at').orderBy('version').execute();

export async function listCases(db: Executor, filter: { departmentId?: string; status?: string }, limit: number, offset: number): Promise<{ rows: CaseRow[]; total: number }> {
  let q = t(db).selectFrom('typicalCases');
  if (filter.departmentId !== undefined) q = q.where('departmentId', '=', filter.departmentId);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  const rows = await q.selectAll().orderBy('updatedAt', 'desc').orderBy('id').limit(limit).offset(offset).execute();
  const count = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

/** Cases with a published version, newest publication first, joined to that version's snapshot. */
export async function listPublishedCases(db: Executor, limit: number, offset: number): Promise<{ rows: Array<CaseRow & { snapshot: string }>; total: number }> {
  const base = t(db).selectFrom('typicalCases').where('publishedVersion', 'is not', null);
  const rows = await base
    .innerJoin('typicalCaseVersions', (j) => j.onRef('typicalCaseVersions.caseId', '=', 'typicalCases.id').onRef('typicalCaseVersions.version', '=', 'typicalCases.publishedVersion'))
    .selectAll('typicalCases')
    .select('typicalCaseVersions.snapshot')
    .orderBy('typicalCases.publishedOn', 'desc')
    .orderBy('typicalCases.id')
    .limit(limit)
    .offset(offset)
    .execute();
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

// --- Tips -------------------------------------------------------------------------------------

export async function insertTip(db: Executor, row: TipRow, attachments: readonly TipAttachmentRow[], event: TipEventRow): Promise<void> {
  await t(db).insertInto('tips').values(row).execute();
  if (attachments.length > 0) await t(db).insertInto('tipAttachments').values([...attachments]).execute();
  await t(db).insertInto('tipEvents').values(event).execute();
}

export const findTip = (db: Executor, id: string) => t(db).selectFrom('tips').selectAll().where('id', '=', id).executeTakeFirst();
export const findTipByNumber = (db: Executor, number: string) => t(db).selectFrom('tips').selectAll().where('number', '=', number).executeTakeFirst();

export async function updateTip(db: Executor, id: string, version: number, changes: Partial<TipRow>): Promise<boolean> {
  const result = await t(db)
    .updateTable('tips')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertTipEvent(db: Executor, row: TipEventRow): Promise<void> {
  await t(db).insertInto('tipEvents').values(row).execute();
}

export const listTipEvents = (db: Executor, tipId: string) => t(db).selectFrom('tipEvents').selectAll().where('tipId', '=', tipId).orderBy('at').orderBy('id').execute();
export const listTipAttachments = (db: Executor, tipId: string) => t(db).selectFrom('tipAttachments').selectAll().where('tipId', '=', tipId).orderBy('fileName').orderBy('id').execute();

export async function listTips(db: Executor, filter: { departmentId?: string; status?: string }, limit: number, offset: number): Promise<{ rows: TipRow[]; total: number }> {
  let q = t(db).selectFrom('tips');
  if (filter.departmentId !== undefined) q = q.where('departmentId', '=', filter.departmentId);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  const rows = await q.selectAll().orderBy('receivedAt', 'desc').orderBy('id').limit(limit).offset(offset).execute();
  const count = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}
