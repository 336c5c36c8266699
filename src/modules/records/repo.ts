import { sql, type Kysely } from 'kysely';
import { insertMany, selectWhereIn } from '../../db/bulk.ts';
import type { Executor } from '../../db/index.ts';

export interface ImportJobRow {
  id: string;
  departmentId: string;
  itemCode: string;
  source: string;
  fileName: string | null;
  filePath: string | null;
  layout: string | null;
  status: string;
  totalBytes: number | null;
  processedBytes: number;
  rowsProcessed: number;
  lastCommittedRow: number;
  accepted: number;
  rejected: number;
  unchanged: number;
  versioned: number;
  submittedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  dueDate: string;
  answeredAt: string | null;
  answeredOn: string | null;
  errorCode: string | null;
  errorMessageZh: string | null;
  errorMessageEn: string | null;
  createdBy: string | null;
  workerId: string | null;
  heartbeatAt: string | null;
}

export interface RowErrorRow {
  id: string;
  jobId: string;
  rowNumber: number;
  columnName: string | null;
  code: string;
  messageZh: string;
  messageEn: string;
}

export interface CreditRecordRow {
  id: string;
  departmentId: string;
  itemCode: string;
  sourceRecordId: string;
  subjectType: string;
  personId: string | null;
  organizationId: string | null;
  subjectName: string;
  subjectCodeMasked: string;
  currentVersion: number;
  contentHash: string;
  decisionDate: string | null;
  severity: string | null;
  linkedRecordId: string | null;
  linkRole: string | null;
  createdAt: string;
  updatedAt: string;
  createdJobId: string;
  updatedJobId: string;
}

export interface RecordVersionRow {
  id: string;
  recordId: string;
  version: number;
  contentHash: string;
  fields: string;
  refs: string;
  jobId: string;
  recordedAt: string;
  recordedBy: string | null;
}

export interface RecordsTables {
  importJobs: ImportJobRow;
  importRowErrors: RowErrorRow;
  creditRecords: CreditRecordRow;
  creditRecordVersions: RecordVersionRow;
  departments: { id: string; name: string; orgCode: string };
}

const t = (db: Executor) => db as unknown as Kysely<RecordsTables>;


export async function insertJob(db: Executor, row: ImportJobRow): Promise<void> {
  await t(db).insertInto('importJobs').values(row).execute();
}

export const findJob = (db: Executor, id: string) => t(db).selectFrom('importJobs').selectAll().where('id', '=', id).executeTakeFirst();

export interface JobScope {
  /** Only this department's jobs; undefined = all departments. */
  departmentId?: string;
}

export async function listJobs(db: Executor, scope: JobScope, limit: number, offset: number): Promise<{ rows: ImportJobRow[]; total: number }> {
  let q = t(db).selectFrom('importJobs');
  if (scope.departmentId !== undefined) q = q.where('departmentId', '=', scope.departmentId);
  const rows = await q.selectAll().orderBy('submittedAt', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
  const count = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

/** Jobs not yet answered (queued or running), oldest first: the Art. 17 dashboard. */
export function listUnansweredJobs(db: Executor, scope: JobScope): Promise<ImportJobRow[]> {
  let q = t(db).selectFrom('importJobs').selectAll().where('answeredAt', 'is', null);
  if (scope.departmentId !== undefined) q = q.where('departmentId', '=', scope.departmentId);
  return q.orderBy('dueDate').orderBy('submittedAt').limit(1000).execute();
}

/** Queued jobs and running jobs whose worker stopped proving alive before `staleBefore`, oldest first. */
export function listRunnableJobs(db: Executor, sources: readonly string[], staleBefore: string): Promise<ImportJobRow[]> {
  return t(db)
    .selectFrom('importJobs')
    .selectAll()
    .where('source', 'in', sources)
    .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('heartbeatAt', '<', staleBefore)])]))
    .orderBy('submittedAt')
    .limit(20)
    .execute();
}

/**
 * Takes a job for a worker: only when it is queued, or running under a lease older than
 * `staleBefore` (or, with `force`, whatever worker holds it: an operator's --resume). A guarded
 * update, so two workers cannot both take it.
 */
export async function claimJob(db: Executor, id: string, workerId: string, now: string, startedAt: string, staleBefore: string | null): Promise<boolean> {
  let q = t(db)
    .updateTable('importJobs')
    .set((eb) => ({ status: 'running', workerId, heartbeatAt: now, startedAt: eb.fn.coalesce('startedAt', eb.val(startedAt)) }))
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running']);
  if (staleBefore !== null) q = q.where((eb) => eb.or([eb('status', '=', 'queued'), eb('heartbeatAt', '<', staleBefore)]));
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface JobProgress {
  layout?: string | null;
  processedBytes: number;
  rowsProcessed: number;
  lastCommittedRow: number;
  accepted: number;
  rejected: number;
  unchanged: number;
  versioned: number;
  heartbeatAt: string;
}

/** Adds a committed chunk's counts, guarded by the worker's lease; false when another worker took the job. */
export async function advanceJob(db: Executor, id: string, workerId: string, progress: JobProgress): Promise<boolean> {
  const result = await t(db)
    .updateTable('importJobs')
    .set({ ...progress })
    .where('id', '=', id)
    .where('workerId', '=', workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function finishJob(
  db: Executor,
  id: string,
  workerId: string,
  end: { status: 'done' | 'failed'; finishedAt: string; answeredOn: string; processedBytes?: number; layout?: string | null; errorCode?: string | null; errorMessageZh?: string | null; errorMessageEn?: string | null },
): Promise<boolean> {
  const { answeredOn, ...rest } = end;
  const result = await t(db)
    .updateTable('importJobs')
    .set({ ...rest, answeredAt: end.finishedAt, answeredOn, heartbeatAt: end.finishedAt })
    .where('id', '=', id)
    .where('workerId', '=', workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertRowErrors(db: Executor, rows: RowErrorRow[]): Promise<void> {
  await insertMany(db, 'import_row_errors', rows);
}

export async function listRowErrors(db: Executor, jobId: string, limit: number, offset: number): Promise<{ rows: RowErrorRow[]; total: number }> {
  const rows = await t(db).selectFrom('importRowErrors').selectAll().where('jobId', '=', jobId).orderBy('rowNumber').orderBy('id').limit(limit).offset(offset).execute();
  const count = await t(db).selectFrom('importRowErrors').select((eb) => eb.fn.countAll<number>().as('n')).where('jobId', '=', jobId).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

/** Every error of a job, in pages, for the downloadable report (streams; never the whole report in memory). */
export async function* iterateRowErrors(db: Executor, jobId: string, page = 2000): AsyncGenerator<RowErrorRow> {
  for (let offset = 0; ; offset += page) {
    const rows = await t(db).selectFrom('importRowErrors').selectAll().where('jobId', '=', jobId).orderBy('rowNumber').orderBy('id').limit(page).offset(offset).execute();
    yield* rows;
    if (rows.length < page) return;
  }
}

export interface RecordKey {
  departmentId: string;
  itemCode: string;
  sourceRecordId: string;
}

/** The stored records with these keys: one query per item (callers pass one chunk). */
export async function findRecordsByKeys(db: Executor, departmentId: string, keys: ReadonlyArray<{ itemCode: string; sourceRecordId: string }>): Promise<CreditRecordRow[]> {
  const byItem = new Map<string, string[]>();
  for (const key of keys) {
    const ids = byItem.get(key.itemCode) ?? [];
    ids.push(key.sourceRecordId);
    byItem.set(key.itemCode, ids);
  }
  const out: CreditRecordRow[] = [];
  for (const [itemCode, ids] of byItem) out.push(...(await selectWhereIn<CreditRecordRow>(db, 'credit_records', '*', { departmentId, itemCode }, 'sourceRecordId', ids)));
  return out;
}

export async function insertRecords(db: Executor, rows: CreditRecordRow[]): Promise<void> {
  await insertMany(db, 'credit_records', rows);
}

/** Moves a record to its next version, guarded by the version it had (optimistic, no row locks). */
export async function updateRecordVersion(
  db: Executor,
  id: string,
  fromVersion: number,
  change: Pick<CreditRecordRow, 'currentVersion' | 'contentHash' | 'decisionDate' | 'severity' | 'subjectName' | 'updatedAt' | 'updatedJobId' | 'linkedRecordId' | 'linkRole'>,
): Promise<boolean> {
  const result = await t(db).updateTable('creditRecords').set(change).where('id', '=', id).where('currentVersion', '=', fromVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertVersions(db: Executor, rows: RecordVersionRow[]): Promise<void> {
  await insertMany(db, 'credit_record_versions', rows);
}

export interface RecordFilter {
  departmentId: string;
  itemCode?: string;
  personId?: string;
  organizationId?: string;
}

export async function listRecords(db: Executor, filter: RecordFilter, limit: number, offset: number): Promise<{ rows: CreditRecordRow[]; total: number }> {
  let q = t(db).selectFrom('creditRecords').where('departmentId', '=', filter.departmentId);
  if (filter.itemCode !== undefined) q = q.where('itemCode', '=', filter.itemCode);
  if (filter.personId !== undefined) q = q.where('personId', '=', filter.personId);
  if (filter.organizationId !== undefined) q = q.where('organizationId', '=', filter.organizationId);
  const rows = await q.selectAll().orderBy('updatedAt', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
  const count = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

/** Every current record about a subject (a person's includes those derived from an organization's record). */
export function listSubjectRecords(db: Executor, subject: { personId: string } | { organizationId: string }): Promise<CreditRecordRow[]> {
  const q = t(db).selectFrom('creditRecords').selectAll();
  return ('personId' in subject ? q.where('personId', '=', subject.personId) : q.where('organizationId', '=', subject.organizationId)).orderBy('decisionDate').orderBy('id').execute();
}

/** The personal records derived from these organization records (policy (一)2), for 落实到人. */
export function listDerivedRecords(db: Executor, organizationRecordIds: readonly string[]): Promise<CreditRecordRow[]> {
  if (organizationRecordIds.length === 0) return Promise.resolve([]);
  return t(db).selectFrom('creditRecords').selectAll().where('linkedRecordId', 'in', organizationRecordIds).orderBy('id').execute();
}

/** The fields of these records' current versions (a subject's records: a few hundred ids per statement). */
export async function listCurrentFields(db: Executor, recordIds: readonly string[]): Promise<Array<{ recordId: string; fields: string }>> {
  const perStatement = 1000;
  const out: Array<{ recordId: string; fields: string }> = [];
  for (let i = 0; i < recordIds.length; i += perStatement) {
    const rows = await t(db)
      .selectFrom('creditRecordVersions as v')
      .innerJoin('creditRecords as r', (join) => join.onRef('r.id', '=', 'v.recordId').onRef('r.currentVersion', '=', 'v.version'))
      .select(['v.recordId', 'v.fields'])
      .where('v.recordId', 'in', recordIds.slice(i, i + perStatement))
      .execute();
    out.push(...rows);
  }
  return out;
}

export const findRecord = (db: Executor, id: string) => t(db).selectFrom('creditRecords').selectAll().where('id', '=', id).executeTakeFirst();

export const listVersions = (db: Executor, recordId: string) =>
  t(db).selectFrom('creditRecordVersions').selectAll().where('recordId', '=', recordId).orderBy('version').execute();

export async function countRecords(db: Executor, filter: Partial<RecordFilter> & { jobId?: string } = {}): Promise<number> {
  let q = t(db).selectFrom('creditRecords').select((eb) => eb.fn.countAll<number>().as('n'));
  if (filter.departmentId !== undefined) q = q.where('departmentId', '=', filter.departmentId);
  if (filter.itemCode !== undefined) q = q.where('itemCode', '=', filter.itemCode);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface DepartmentJobTotals {
  departmentId: string;
  submissions: number;
  rows: number;
  accepted: number;
  rejected: number;
  unchanged: number;
  versioned: number;
  onTime: number;
  lateAnswered: number;
  unansweredPastDue: number;
}

/** Per-department totals of the import jobs; timeliness compares dates as YYYY-MM-DD text (portable). */
export async function departmentTotals(db: Executor, today: string): Promise<DepartmentJobTotals[]> {
  const rows = await t(db)
    .selectFrom('importJobs')
    .select((eb) => [
      'departmentId',
      eb.fn.countAll<number>().as('submissions'),
      eb.fn.sum<number>('rowsProcessed').as('rows'),
      eb.fn.sum<number>('accepted').as('accepted'),
      eb.fn.sum<number>('rejected').as('rejected'),
      eb.fn.sum<number>('unchanged').as('unchanged'),
      eb.fn.sum<number>('versioned').as('versioned'),
      sql<number>`sum(case when answered_on is not null and answered_on <= due_date then 1 else 0 end)`.as('onTime'),
      sql<number>`sum(case when answered_on is not null and answered_on > due_date then 1 else 0 end)`.as('lateAnswered'),
      sql<number>`sum(case when answered_on is null and due_date < ${today} then 1 else 0 end)`.as('unansweredPastDue'),
    ])
    .groupBy('departmentId')
    .execute();
  return rows.map((r) => ({
    departmentId: r.departmentId,
    submissions: Number(r.submissions),
    rows: Number(r.rows ?? 0),
    accepted: Number(r.accepted ?? 0),
    rejected: Number(r.rejected ?? 0),
    unchanged: Number(r.unchanged ?? 0),
    versioned: Number(r.versioned ?? 0),
    onTime: Number(r.onTime ?? 0),
    lateAnswered: Number(r.lateAnswered ?? 0),
    unansweredPastDue: Number(r.unansweredPastDue ?? 0),
  }));
}


/** Hands a job back to the queue (a worker stopping): the next worker continues after its last commit. */
export async function releaseJob(db: Executor, id: string, workerId: string): Promise<void> {
  await t(db).updateTable('importJobs').set({ status: 'queued', workerId: null }).where('id', '=', id).where('workerId', '=', workerId).where('status', '=', 'running').execute();
}
