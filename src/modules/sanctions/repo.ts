import { sql, type Kysely } from 'kysely';
import type { Executor } from '../../db/index.ts';

export interface ScenarioRow {
  code: string;
  name: string;
  nameEn: string;
  seedVersion: string | null;
  createdAt: string;
}

/** A memorandum's or measure's current definition; `definition` is the JSON of the input shape. */
export interface DefinitionRow {
  id: string;
  code: string;
  version: number;
  definition: string;
  active: number;
  seedVersion: string | null;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
}
export interface MeasureRow extends DefinitionRow {
  memorandumCode: string;
  kind: string;
  implementingOrgCode: string | null;
}

export type DefinitionKind = 'memorandum' | 'measure';
export interface DefinitionVersionRow {
  id: string;
  definitionKind: DefinitionKind;
  code: string;
  version: number;
  changeKind: string;
  snapshot: string;
  changedBy: string | null;
  changedAt: string;
  reason: string;
}

export interface DecisionRow {
  id: string;
  callerUserId: string | null;
  callerDepartmentId: string | null;
  subjectType: string;
  subjectId: string | null;
  subjectCodeMasked: string;
  scenarioCode: string;
  decidedAt: string;
  decidedOn: string;
  hitCount: number;
  hits: string;
}
export interface DecisionHitRow {
  decisionId: string;
  measureCode: string;
  memorandumCode: string;
  implementingOrgCode: string | null;
  kind: string;
}
export interface FeedbackRow {
  id: string;
  decisionId: string;
  outcome: string;
  givenBy: string | null;
  givenAt: string;
}
export interface ApplicationRow {
  id: string;
  source: 'feedback' | 'task';
  decisionId: string | null;
  taskId: string | null;
  measureCode: string;
  memorandumCode: string;
  implementingOrgCode: string | null;
  departmentId: string | null;
  outcome: string;
  recordedBy: string | null;
  recordedAt: string;
}
export interface TaskRow {
  id: string;
  entryId: string;
  listKind: string;
  category: string | null;
  subjectType: string;
  subjectId: string;
  subjectLabel: string;
  departmentId: string;
  status: string;
  version: number;
  initiatedAt: string;
  acknowledgeDueOn: string;
  acknowledgedAt: string | null;
  closedAt: string | null;
}
export interface TaskMeasureRow {
  taskId: string;
  measureCode: string;
  memorandumCode: string;
  kind: string;
  name: string;
}
export interface TaskEventRow {
  id: string;
  taskId: string;
  kind: string;
  at: string;
  byUserId: string | null;
  note: string | null;
  data: string | null;
}

export interface SanctionTables {
  sanctionScenarios: ScenarioRow;
  sanctionMemoranda: DefinitionRow;
  sanctionMeasures: MeasureRow;
  sanctionDefinitionVersions: DefinitionVersionRow;
  sanctionDecisions: DecisionRow;
  sanctionDecisionHits: DecisionHitRow;
  sanctionFeedback: FeedbackRow;
  sanctionApplications: ApplicationRow;
  sanctionTasks: TaskRow;
  sanctionTaskMeasures: TaskMeasureRow;
  sanctionTaskEvents: TaskEventRow;
}

const t = (db: Executor) => db as unknown as Kysely<SanctionTables>;
const inserted = (r: { numInsertedOrUpdatedRows?: bigint }) => Number(r.numInsertedOrUpdatedRows ?? 0) > 0;

// ---------------------------------------------------------------------------------------------
// Definitions

export const listScenarios = (db: Executor) => t(db).selectFrom('sanctionScenarios').selectAll().orderBy('createdAt').orderBy('code').execute();

export async function insertScenarioIfAbsent(db: Executor, row: ScenarioRow): Promise<boolean> {
  return inserted(await t(db).insertInto('sanctionScenarios').values(row).onConflict((oc) => oc.column('code').doNothing()).executeTakeFirst());
}

export const listMemoranda = (db: Executor) => t(db).selectFrom('sanctionMemoranda').selectAll().orderBy('code').execute();
export const listMeasures = (db: Executor) => t(db).selectFrom('sanctionMeasures').selectAll().orderBy('code').execute();
export const findMemorandum = (db: Executor, code: string) => t(db).selectFrom('sanctionMemoranda').selectAll().where('code', '=', code).executeTakeFirst();
export const findMeasure = (db: Executor, code: string) => t(db).selectFrom('sanctionMeasures').selectAll().where('code', '=', code).executeTakeFirst();

export async function insertMemorandumIfAbsent(db: Executor, row: DefinitionRow): Promise<boolean> {
  return inserted(await t(db).insertInto('sanctionMemoranda').values(row).onConflict((oc) => oc.column('code').doNothing()).executeTakeFirst());
}
export async function insertMeasureIfAbsent(db: Executor, row: MeasureRow): Promise<boolean> {
  return inserted(await t(db).insertInto('sanctionMeasures').values(row).onConflict((oc) => oc.column('code').doNothing()).executeTakeFirst());
}

/** Replaces the current definition only if it is still at `expectedVersion` (optimistic, no row locks). */
export async function updateMemorandumIfVersion(db: Executor, code: string, expectedVersion: number, changes: Pick<DefinitionRow, 'version' | 'definition' | 'active' | 'updatedAt' | 'updatedBy'>): Promise<boolean> {
  const r = await t(db).updateTable('sanctionMemoranda').set(changes).where('code', '=', code).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
export async function updateMeasureIfVersion(
  db: Executor,
  code: string,
  expectedVersion: number,
  changes: Pick<MeasureRow, 'version' | 'definition' | 'active' | 'updatedAt' | 'updatedBy' | 'memorandumCode' | 'kind' | 'implementingOrgCode'>,
): Promise<boolean> {
  const r = await t(db).updateTable('sanctionMeasures').set(changes).where('code', '=', code).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertDefinitionVersion(db: Executor, row: DefinitionVersionRow): Promise<void> {
  await t(db).insertInto('sanctionDefinitionVersions').values(row).execute();
}
export const listDefinitionVersions = (db: Executor, kind: DefinitionKind, code: string) =>
  t(db).selectFrom('sanctionDefinitionVersions').selectAll().where('definitionKind', '=', kind).where('code', '=', code).orderBy('version').execute();

// ---------------------------------------------------------------------------------------------
// Checks and feedback

/** One group-committed batch of checks: decisions and their hits (the caller's transaction). */
export async function insertDecisions(db: Executor, decisions: DecisionRow[], hits: DecisionHitRow[]): Promise<void> {
  // Chunked so one statement stays under SQLite's bound-parameter limit.
  for (let i = 0; i < decisions.length; i += 500) await t(db).insertInto('sanctionDecisions').values(decisions.slice(i, i + 500)).execute();
  for (let i = 0; i < hits.length; i += 1000) await t(db).insertInto('sanctionDecisionHits').values(hits.slice(i, i + 1000)).execute();
}

export const findDecision = (db: Executor, id: string) => t(db).selectFrom('sanctionDecisions').selectAll().where('id', '=', id).executeTakeFirst();
export const listDecisionHits = (db: Executor, decisionId: string) => t(db).selectFrom('sanctionDecisionHits').selectAll().where('decisionId', '=', decisionId).execute();
export const findFeedback = (db: Executor, decisionId: string) => t(db).selectFrom('sanctionFeedback').selectAll().where('decisionId', '=', decisionId).executeTakeFirst();

export async function insertFeedback(db: Executor, row: FeedbackRow): Promise<void> {
  await t(db).insertInto('sanctionFeedback').values(row).execute();
}
export async function insertApplications(db: Executor, rows: ApplicationRow[]): Promise<void> {
  if (rows.length > 0) await t(db).insertInto('sanctionApplications').values(rows).execute();
}

// ---------------------------------------------------------------------------------------------
// Tasks

export const findTasksOfEntry = (db: Executor, entryId: string) => t(db).selectFrom('sanctionTasks').select(['departmentId']).where('entryId', '=', entryId).execute();

export async function insertTaskIfAbsent(db: Executor, row: TaskRow): Promise<boolean> {
  return inserted(await t(db).insertInto('sanctionTasks').values(row).onConflict((oc) => oc.columns(['entryId', 'departmentId']).doNothing()).executeTakeFirst());
}
export async function insertTaskMeasures(db: Executor, rows: TaskMeasureRow[]): Promise<void> {
  if (rows.length > 0) await t(db).insertInto('sanctionTaskMeasures').values(rows).execute();
}
export async function insertTaskEvent(db: Executor, row: TaskEventRow): Promise<void> {
  await t(db).insertInto('sanctionTaskEvents').values(row).execute();
}
export const findTask = (db: Executor, id: string) => t(db).selectFrom('sanctionTasks').selectAll().where('id', '=', id).executeTakeFirst();

export async function listTasks(db: Executor, filter: { departmentId: string; status?: string }, limit: number, offset: number): Promise<{ rows: TaskRow[]; total: number }> {
  let q = t(db).selectFrom('sanctionTasks').where('departmentId', '=', filter.departmentId);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  const rows = await q.selectAll().orderBy('initiatedAt', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

export async function listTaskMeasures(db: Executor, taskIds: string[]): Promise<TaskMeasureRow[]> {
  if (taskIds.length === 0) return [];
  return t(db).selectFrom('sanctionTaskMeasures').selectAll().where('taskId', 'in', taskIds).orderBy('measureCode').execute();
}
export async function listTaskEvents(db: Executor, taskIds: string[]): Promise<TaskEventRow[]> {
  if (taskIds.length === 0) return [];
  return t(db).selectFrom('sanctionTaskEvents').selectAll().where('taskId', 'in', taskIds).orderBy('at').orderBy('id').execute();
}

export async function updateTaskIfVersion(
  db: Executor,
  id: string,
  expectedVersion: number,
  changes: Partial<Pick<TaskRow, 'status' | 'acknowledgedAt' | 'closedAt'>> & { version: number },
): Promise<boolean> {
  const r = await t(db).updateTable('sanctionTasks').set(changes).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------------------------
// Dashboard

export interface GroupCount {
  key: string | null;
  n: number;
}

/** Checks (decisions with a hit), hits, and checks with feedback — grouped by memorandum or implementing department. */
export async function hitCounts(db: Executor, by: 'memorandumCode' | 'implementingOrgCode'): Promise<{ key: string | null; checks: number; hits: number; withFeedback: number }[]> {
  const rows = await t(db)
    .selectFrom('sanctionDecisionHits as h')
    .leftJoin('sanctionFeedback as f', 'f.decisionId', 'h.decisionId')
    .select([
      `h.${by} as key`,
      sql<number>`count(distinct h.decision_id)`.as('checks'),
      sql<number>`count(*)`.as('hits'),
      sql<number>`count(distinct f.decision_id)`.as('withFeedback'),
    ])
    .groupBy(`h.${by}`)
    .execute();
  return rows.map((r) => ({ key: r.key as string | null, checks: Number(r.checks), hits: Number(r.hits), withFeedback: Number(r.withFeedback) }));
}

export async function applicationCounts(db: Executor, by: 'memorandumCode' | 'implementingOrgCode'): Promise<GroupCount[]> {
  const rows = await t(db).selectFrom('sanctionApplications').select([`${by} as key`, sql<number>`count(*)`.as('n')]).groupBy(by).execute();
  return rows.map((r) => ({ key: r.key as string | null, n: Number(r.n) }));
}

/** Entries that initiated tasks and tasks overdue for acknowledgement, by memorandum. */
export async function taskCountsByMemorandum(db: Executor, today: string): Promise<{ key: string; entries: number; overdue: number }[]> {
  const rows = await t(db)
    .selectFrom('sanctionTaskMeasures as m')
    .innerJoin('sanctionTasks as k', 'k.id', 'm.taskId')
    .select([
      'm.memorandumCode as key',
      sql<number>`count(distinct k.entry_id)`.as('entries'),
      sql<number>`count(distinct case when k.status = 'initiated' and k.acknowledge_due_on < ${today} then k.id end)`.as('overdue'),
    ])
    .groupBy('m.memorandumCode')
    .execute();
  return rows.map((r) => ({ key: r.key, entries: Number(r.entries), overdue: Number(r.overdue) }));
}

export async function taskCountsByDepartment(db: Executor, today: string): Promise<{ key: string; entries: number; overdue: number; tasks: number }[]> {
  const rows = await t(db)
    .selectFrom('sanctionTasks')
    .select([
      'departmentId as key',
      sql<number>`count(distinct entry_id)`.as('entries'),
      sql<number>`count(*)`.as('tasks'),
      sql<number>`sum(case when status = 'initiated' and acknowledge_due_on < ${today} then 1 else 0 end)`.as('overdue'),
    ])
    .groupBy('departmentId')
    .execute();
  return rows.map((r) => ({ key: r.key, entries: Number(r.entries), overdue: Number(r.overdue ?? 0), tasks: Number(r.tasks) }));
}

export async function decisionTotals(db: Executor): Promise<{ checks: number; checksWithHits: number; feedback: number }> {
  const d = await t(db)
    .selectFrom('sanctionDecisions')
    .select([sql<number>`count(*)`.as('checks'), sql<number>`sum(case when hit_count > 0 then 1 else 0 end)`.as('withHits')])
    .executeTakeFirstOrThrow();
  const f = await t(db).selectFrom('sanctionFeedback').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return { checks: Number(d.checks), checksWithHits: Number(d.withHits ?? 0), feedback: Number(f.n) };
}

