import { sql, type Kysely } from 'kysely';
import type { Executor } from '../../db/index.ts';

export interface EntryRow {
  id: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  subjectName: string;
  subjectCodeMasked: string;
  category: string | null;
  severity: string | null;
  status: string;
  basis: string;
  reason: string;
  sourceText: string | null;
  measures: string | null;
  departmentId: string;
  validityMonths: number;
  proposedBy: string | null;
  proposedOn: string;
  notifiedOn: string | null;
  defenceUntil: string | null;
  announcedOn: string | null;
  announcementUntil: string | null;
  decidedBy: string | null;
  decidedOn: string | null;
  listedOn: string | null;
  endsOn: string | null;
  removedOn: string | null;
  removalReason: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface EntryRecordRow {
  entryId: string;
  recordId: string;
  itemCode: string;
  severity: string | null;
  decisionDate: string | null;
}

export interface EventRow {
  id: string;
  entryId: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  version: number;
  actorUserId: string | null;
  actorRole: string | null;
  at: string;
  note: string | null;
  data: string | null;
}

export interface NoticeRow {
  id: string;
  entryId: string;
  kind: string;
  channel: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  publishedAt: string;
  publishedOn: string;
  until: string | null;
}

interface ListsTables {
  listEntries: EntryRow;
  listEntryRecords: EntryRecordRow;
  listEntryEvents: EventRow;
  listNotices: NoticeRow;
}

const t = (db: Executor) => db as unknown as Kysely<ListsTables>;

/** Statuses of an entry that is still open: proposed and not yet decided, or listed. */
export const OPEN_STATUSES = ['announced', 'notified', 'proposed', 'listed'] as const;

export async function insertEntry(db: Executor, row: EntryRow, records: readonly EntryRecordRow[]): Promise<void> {
  await t(db).insertInto('listEntries').values(row).execute();
  if (records.length > 0) await t(db).insertInto('listEntryRecords').values([...records]).execute();
}

export const findEntry = (db: Executor, id: string) => t(db).selectFrom('listEntries').selectAll().where('id', '=', id).executeTakeFirst();

/** An open entry of this kind and category for the subject, if any (one at a time). */
export const findOpenEntry = (db: Executor, kind: string, subject: { type: string; id: string }, category: string | null) => {
  const q = t(db)
    .selectFrom('listEntries')
    .selectAll()
    .where('subjectType', '=', subject.type)
    .where('subjectId', '=', subject.id)
    .where('status', 'in', [...OPEN_STATUSES])
    .where('kind', '=', kind);
  return (category === null ? q.where('category', 'is', null) : q.where('category', '=', category)).executeTakeFirst();
};

/**
 * Applies `changes` only when the entry is still at `version` (another reviewer, a statement or
 * the expiry job may have moved it); returns whether it did.
 */
export async function updateEntry(db: Executor, id: string, version: number, changes: Partial<EntryRow>): Promise<boolean> {
  const result = await t(db)
    .updateTable('listEntries')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Entries in force on `today` of one subject: listed and not past their last day. */
export const listInForceOf = (db: Executor, subject: { type: string; id: string }, today: string) =>
  t(db)
    .selectFrom('listEntries')
    .selectAll()
    .where('subjectType', '=', subject.type)
    .where('subjectId', '=', subject.id)
    .where('status', '=', 'listed')
    .where('endsOn', '>=', today)
    .execute();

/** Organization entries in force resting on any of these records (the records derived to a person point at them). */
export async function listInForceOnRecords(db: Executor, recordIds: readonly string[], kinds: readonly string[], today: string): Promise<Array<EntryRow & { recordId: string }>> {
  if (recordIds.length === 0 || kinds.length === 0) return [];
  return t(db)
    .selectFrom('listEntryRecords')
    .innerJoin('listEntries', 'listEntries.id', 'listEntryRecords.entryId')
    .selectAll('listEntries')
    .select('listEntryRecords.recordId')
    .where('listEntryRecords.recordId', 'in', [...recordIds])
    .where('listEntries.subjectType', '=', 'organization')
    .where('listEntries.status', '=', 'listed')
    .where('listEntries.endsOn', '>=', today)
    .where('listEntries.kind', 'in', [...kinds])
    .execute();
}

export async function listRecordsOf(db: Executor, entryIds: readonly string[]): Promise<EntryRecordRow[]> {
  if (entryIds.length === 0) return [];
  return t(db).selectFrom('listEntryRecords').selectAll().where('entryId', 'in', [...entryIds]).orderBy('decisionDate').orderBy('recordId').execute();
}

export interface EntryFilter {
  departmentId?: string;
  subject?: { type: string; id: string };
  kind?: string;
  status?: string;
}

export async function listEntries(db: Executor, filter: EntryFilter, limit: number, offset: number): Promise<{ rows: EntryRow[]; total: number }> {
  let q = t(db).selectFrom('listEntries');
  if (filter.departmentId !== undefined) q = q.where('departmentId', '=', filter.departmentId);
  if (filter.subject !== undefined) q = q.where('subjectType', '=', filter.subject.type).where('subjectId', '=', filter.subject.id);
  if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  const rows = await q.selectAll().orderBy('updatedAt', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
  const count = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

/** Entries in force changed after `changedSince`, oldest change first: the feed a reconcile pages through. */
export function listInForce(db: Executor, filter: { kind?: string; changedSince?: string }, today: string, limit: number): Promise<EntryRow[]> {
  let q = t(db).selectFrom('listEntries').selectAll().where('status', '=', 'listed').where('endsOn', '>=', today);
  if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind);
  if (filter.changedSince !== undefined) q = q.where('updatedAt', '>', filter.changedSince);
  return q.orderBy('updatedAt').orderBy('id').limit(limit).execute();
}

/** Listed entries whose last day is before `today` (the expiry job closes them). */
export const listExpired = (db: Executor, today: string, limit: number) =>
  t(db).selectFrom('listEntries').selectAll().where('status', '=', 'listed').where('endsOn', '<', today).orderBy('endsOn').limit(limit).execute();

export async function insertEvent(db: Executor, row: EventRow): Promise<void> {
  await t(db).insertInto('listEntryEvents').values(row).execute();
}

export const listEvents = (db: Executor, entryId: string) => t(db).selectFrom('listEntryEvents').selectAll().where('entryId', '=', entryId).orderBy('at').orderBy('version').execute();

export async function insertNotice(db: Executor, row: NoticeRow): Promise<void> {
  await t(db).insertInto('listNotices').values(row).execute();
}

export const listNotices = (db: Executor, entryId: string) => t(db).selectFrom('listNotices').selectAll().where('entryId', '=', entryId).orderBy('publishedAt').orderBy('id').execute();

/** The channel an entry's listing was published on, so its exit notice goes the same way (Henan Art. 37). */
export const findListingChannel = (db: Executor, entryId: string) =>
  t(db).selectFrom('listNotices').select('channel').where('entryId', '=', entryId).where('kind', '=', 'listing').executeTakeFirst();

/**
 * The public announcements on `today`: red-list candidates whose announcement period is running
 * and exit notices, newest first.
 */
export async function listPublicNotices(db: Executor, today: string, limit: number, offset: number): Promise<{ rows: Array<NoticeRow & { kind: string; listKind: string; subjectType: string; subjectName: string; subjectCodeMasked: string }>; total: number }> {
  const q = t(db)
    .selectFrom('listNotices')
    .innerJoin('listEntries', 'listEntries.id', 'listNotices.entryId')
    .where('listNotices.channel', '=', 'public')
    .where((eb) =>
      eb.or([
        eb('listNotices.kind', '=', 'exit'),
        eb.and([eb('listNotices.kind', '=', 'announcement'), eb('listNotices.until', '>=', today), eb('listEntries.status', '=', 'announced')]),
      ]),
    );
  const rows = await q
    .selectAll('listNotices')
    .select(['listEntries.kind as listKind', 'listEntries.subjectType', 'listEntries.subjectName', 'listEntries.subjectCodeMasked'])
    .orderBy('listNotices.publishedAt', 'desc')
    .orderBy('listNotices.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  const count = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

// --- For the public portal (disclosure, issue 6) ---------------------------------------------

/**
 * Entries of the publicly disclosed lists in force on `today`, of one subject or whose subject's
 * name contains `nameLike` (`%`, `_` and `\` in it match themselves).
 */
export function listPublicInForce(db: Executor, query: { subject: { type: string; id: string } } | { nameLike: string }, kinds: readonly string[], today: string, limit: number): Promise<EntryRow[]> {
  let q = t(db).selectFrom('listEntries').selectAll().where('status', '=', 'listed').where('endsOn', '>=', today).where('kind', 'in', [...kinds]);
  q =
    'subject' in query
      ? q.where('subjectType', '=', query.subject.type).where('subjectId', '=', query.subject.id)
      : q.where(sql<boolean>`subject_name like ${`%${query.nameLike.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`);
  return q.orderBy('listedOn', 'desc').orderBy('id').limit(limit).execute();
}
