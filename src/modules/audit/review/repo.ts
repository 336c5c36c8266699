import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { Executor } from '../../../db/index.ts';
import type { Window } from './rules.ts';

export interface ReviewRuleRow {
  key: string;
  /** JSON object of the rule's numbers. */
  params: string;
  legalBasis: string;
  /** Starts at 1, +1 on every change (guards concurrent edits). */
  version: number;
  seedVersion: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface FindingRow {
  id: string;
  rule: string;
  actorUserId: string;
  day: string;
  windowStart: string;
  windowEnd: string;
  /** JSON object: counts, thresholds, example entry ids. */
  details: string;
  status: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  /** +1 on every review, so two reviewers cannot overwrite each other unseen. */
  version: number;
  runId: string;
  createdAt: string;
}

export interface FindingReviewRow {
  id: string;
  findingId: string;
  fromStatus: string;
  toStatus: string;
  note: string;
  reviewedBy: string;
  reviewedAt: string;
}

export interface ReviewRunRow {
  id: string;
  day: string;
  startedAt: string;
  finishedAt: string;
  findingsAdded: number;
  trigger: string;
  requestedBy: string | null;
}

/** The access-log columns the review reads (the table belongs to this module's `repo.ts`). */
interface EntryColumns {
  id: string;
  at: string;
  actorUserId: string | null;
  actorRole: string | null;
  action: string;
  subjectKind: string | null;
  subjectId: string | null;
  purpose: string | null;
  legalBasis: string | null;
}

export interface ReviewTables {
  auditReviewRules: ReviewRuleRow;
  auditFindings: FindingRow;
  auditFindingReviews: FindingReviewRow;
  auditReviewRuns: ReviewRunRow;
  auditEntries: EntryColumns;
}

const t = (db: Executor) => db as unknown as Kysely<ReviewTables>;

// ---------------------------------------------------------------------------------------------
// Reading the access log

/** Which reads of personal data a rule looks at. */
export interface ReadFilter {
  /** Half-open windows of instants; an empty list matches nothing. */
  windows: readonly Window[];
  /** Only reads with neither a purpose nor a legal basis. */
  withoutPurpose?: boolean;
}

export interface ActorReads {
  actorUserId: string;
  /** The role the user acted in (the latest one seen, should it have changed). */
  actorRole: string | null;
  reads: number;
  /** Distinct persons read. */
  persons: number;
  firstAt: string;
  lastAt: string;
}

/**
 * A read of personal data: `person.read`, or any `*.read` whose subject is a person. Every
 * result counts (a denied or not-found lookup is still an attempt). Entries without a user
 * (CLI, jobs) are not reviewed per user.
 */
function personalReads(eb: ExpressionBuilder<ReviewTables, 'auditEntries'>, f: ReadFilter): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [
    eb('actorUserId', 'is not', null),
    eb.or([eb('action', '=', 'person.read'), eb.and([eb('action', 'like', '%.read'), eb('subjectKind', '=', 'person')])]),
    eb.or(f.windows.map((w) => eb.and([eb('at', '>=', w.from), eb('at', '<', w.to)]))),
  ];
  if (f.withoutPurpose) {
    conditions.push(
      eb.or([eb('purpose', 'is', null), eb(eb.fn<string>('trim', ['purpose']), '=', '')]),
      eb.or([eb('legalBasis', 'is', null), eb(eb.fn<string>('trim', ['legalBasis']), '=', '')]),
    );
  }
  return eb.and(conditions);
}

const ACTOR_CHUNK = 500;

/** Reads per user matching the filter; only the given users when `actorUserIds` is set. */
export async function countReadsByActor(db: Executor, f: ReadFilter, actorUserIds?: readonly string[]): Promise<ActorReads[]> {
  if (f.windows.length === 0) return [];
  const run = async (ids?: readonly string[]) => {
    let q = t(db)
      .selectFrom('auditEntries')
      .where((eb) => personalReads(eb, f))
      .select((eb) => [
        'actorUserId',
        eb.fn.max('actorRole').as('actorRole'),
        eb.fn.countAll<number>().as('reads'),
        eb.fn.count<number>('subjectId').distinct().as('persons'),
        eb.fn.min('at').as('firstAt'),
        eb.fn.max('at').as('lastAt'),
      ])
      .groupBy('actorUserId');
    if (ids) q = q.where('actorUserId', 'in', [...ids]);
    const rows = await q.execute();
    return rows.map((r) => ({
      actorUserId: r.actorUserId as string,
      actorRole: r.actorRole,
      reads: Number(r.reads),
      persons: Number(r.persons),
      firstAt: r.firstAt,
      lastAt: r.lastAt,
    }));
  };
  if (!actorUserIds) return run();
  const out: ActorReads[] = [];
  // Chunked so one statement stays under the engines' bound-parameter limits.
  for (let i = 0; i < actorUserIds.length; i += ACTOR_CHUNK) out.push(...(await run(actorUserIds.slice(i, i + ACTOR_CHUNK))));
  return out;
}

/** The first few matching entries of one user, as examples a reviewer can open. */
export async function exampleEntryIds(db: Executor, f: ReadFilter, actorUserId: string, limit: number): Promise<string[]> {
  if (f.windows.length === 0) return [];
  const rows = await t(db)
    .selectFrom('auditEntries')
    .select('id')
    .where((eb) => personalReads(eb, f))
    .where('actorUserId', '=', actorUserId)
    .orderBy('at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------------------------------------
// Rules

export async function insertRuleIfAbsent(db: Executor, row: ReviewRuleRow): Promise<boolean> {
  const result = await t(db).insertInto('auditReviewRules').values(row).onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export const listRules = (db: Executor) => t(db).selectFrom('auditReviewRules').selectAll().orderBy('key').execute();

export const findRule = (db: Executor, key: string) => t(db).selectFrom('auditReviewRules').selectAll().where('key', '=', key).executeTakeFirst();

/** Changes a rule's numbers if nobody changed them since `expectedVersion`; returns rows changed. */
export async function updateRuleParams(
  db: Executor,
  key: string,
  expectedVersion: number,
  change: { params: string; updatedAt: string; updatedBy: string | null },
): Promise<number> {
  const result = await t(db)
    .updateTable('auditReviewRules')
    .set({ ...change, version: expectedVersion + 1 })
    .where('key', '=', key)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ---------------------------------------------------------------------------------------------
// Findings

/** Inserts a finding unless the same rule already found the same user on the same day. */
export async function insertFindingIfAbsent(db: Executor, row: FindingRow): Promise<boolean> {
  const result = await t(db)
    .insertInto('auditFindings')
    .values(row)
    .onConflict((oc) => oc.columns(['rule', 'actorUserId', 'day']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export interface FindingFilter {
  status?: string | undefined;
  rule?: string | undefined;
  day?: string | undefined;
  actorUserId?: string | undefined;
}

function filteredFindings(db: Executor, f: FindingFilter) {
  let q = t(db).selectFrom('auditFindings');
  if (f.status) q = q.where('status', '=', f.status);
  if (f.rule) q = q.where('rule', '=', f.rule);
  if (f.day) q = q.where('day', '=', f.day);
  if (f.actorUserId) q = q.where('actorUserId', '=', f.actorUserId);
  return q;
}

/** Newest day first; within a day by rule and user, so a page reads as a report. */
export const listFindings = (db: Executor, f: FindingFilter, limit: number, offset: number) =>
  filteredFindings(db, f).selectAll().orderBy('day', 'desc').orderBy('rule').orderBy('actorUserId').orderBy('id').limit(limit).offset(offset).execute();

export async function countFindings(db: Executor, f: FindingFilter): Promise<number> {
  const row = await filteredFindings(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const findFinding = (db: Executor, id: string) => t(db).selectFrom('auditFindings').selectAll().where('id', '=', id).executeTakeFirst();

/** Records a review if nobody reviewed since `expectedVersion`; returns rows changed. */
export async function updateFindingReview(
  db: Executor,
  id: string,
  expectedVersion: number,
  change: { status: string; reviewedBy: string; reviewedAt: string; reviewNote: string },
): Promise<number> {
  const result = await t(db)
    .updateTable('auditFindings')
    .set({ ...change, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function insertFindingReview(db: Executor, row: FindingReviewRow): Promise<void> {
  await t(db).insertInto('auditFindingReviews').values(row).execute();
}

export const listFindingReviews = (db: Executor, findingId: string) =>
  t(db).selectFrom('auditFindingReviews').selectAll().where('findingId', '=', findingId).orderBy('reviewedAt').orderBy('id').execute();

// ---------------------------------------------------------------------------------------------
// Runs

export async function insertRun(db: Executor, row: ReviewRunRow): Promise<void> {
  await t(db).insertInto('auditReviewRuns').values(row).execute();
}

/** Completes a run row inside the transaction that inserted it and its findings. */
export async function finishRun(db: Executor, id: string, findingsAdded: number, finishedAt: string): Promise<void> {
  await t(db).updateTable('auditReviewRuns').set({ findingsAdded, finishedAt }).where('id', '=', id).execute();
}

export const listRuns = (db: Executor, limit: number, offset: number) =>
  t(db).selectFrom('auditReviewRuns').selectAll().orderBy('startedAt', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();

/** The latest day a run of this trigger covered, or null before the first. */
export async function lastRunDay(db: Executor, trigger: string): Promise<string | null> {
  const row = await t(db)
    .selectFrom('auditReviewRuns')
    .select((eb) => eb.fn.max('day').as('day'))
    .where('trigger', '=', trigger)
    .executeTakeFirst();
  return row?.day ?? null;
}
