import type { Clock } from '../../shared/clock.ts';
import { shanghaiDate } from '../../shared/clock.ts';
import type { RequestContext } from '../../shared/context.ts';
import { Conflict, InvalidInput, NotFound } from '../../shared/errors.ts';
import { GroupCommit } from '../../shared/group-commit.ts';
import { newId } from '../../shared/ids.ts';
import { maskCitizenCode, maskPersonName } from '../../shared/masking.ts';
import { inTransaction, isUniqueViolation, type Db, type Executor } from '../../db/index.ts';
import type { AuditEntryRow, AuditLog } from '../audit/index.ts';
import type { AccountsService } from '../accounts/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import { classifySubjectCode, codeRejectionMessages, type IdentityService } from '../identity/index.ts';
import type { RecordsService, SubjectRecordFact } from '../records/index.ts';
import type { SubjectRef, SubjectStanding } from '../lists/standing.ts';
import { matchMeasures, type ItemFacts, type MatchedMeasure } from './matching.ts';
import * as repo from './repo.ts';
import { SANCTIONS_SEED_VERSION, sanctionRules, type SanctionRules } from './rules.ts';
import {
  MeasureInputSchema,
  MemorandumInputSchema,
  type CheckReply,
  type DefinitionVersion,
  type Hit,
  type Measure,
  type MeasureInput,
  type Memorandum,
  type MemorandumInput,
  type Scenario,
} from './schema.ts';
import { validateMeasure, type DefinitionProblem } from './validation.ts';
import { SanctionsWorkflow, type AddWorkingDays } from './workflow.ts';
import seed from './seed/memoranda.json' with { type: 'json' };

/** What the check reads from the lists module (src/modules/lists/standing.ts). */
export interface StandingSource {
  standingOf(subject: SubjectRef, knownFacts?: readonly SubjectRecordFact[]): Promise<SubjectStanding>;
}

export interface SanctionsDeps {
  identity: IdentityService;
  records: RecordsService;
  catalog: CatalogService;
  accounts: AccountsService;
  lists: StandingSource;
  addWorkingDays: AddWorkingDays;
  rules?: SanctionRules;
}

/** A definition that breaks the rules; `field` and `code` are the first problem's, `problems` lists all. */
export class DefinitionInvalid extends InvalidInput {
  constructor(readonly problems: DefinitionProblem[]) {
    const first = problems[0]!;
    super(first.code, first.field, first.reason, { ...first.facts, problems: problems.map(({ code, field, reason }) => ({ code, field, reason })) });
  }
}

/** The definitions in force, cached in memory (the check is a hot path) and dropped on every edit. */
export interface MeasureBook {
  scenarios: Map<string, Scenario>;
  memoranda: Map<string, Memorandum>;
  measures: Measure[];
  /** Active measures of active memoranda, by scenario code. */
  byScenario: Map<string, Measure[]>;
}

/** A catalog edit reaches checks within this much wall time (not a legal period: a cache lifetime). */
const ITEM_CACHE_MS = 10_000;
const MIN_REASON = 2;

interface PendingCheck {
  decision: repo.DecisionRow;
  hits: repo.DecisionHitRow[];
  audit: AuditEntryRow;
}

/** Keys sorted recursively, so a definition compares equal however its JSON was written. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** The input shape in schema key order (what is stored and versioned). */
function ordered<T extends object>(keys: readonly string[], value: T): T {
  return Object.fromEntries(keys.filter((k) => k in value).map((k) => [k, (value as Record<string, unknown>)[k]])) as T;
}
const MEASURE_KEYS = Object.keys(MeasureInputSchema.properties);
const MEMORANDUM_KEYS = Object.keys(MemorandumInputSchema.properties);

function checkReason(reason: string): string {
  const why = reason.trim();
  if (why.length < MIN_REASON) throw new InvalidInput('sanctions.reason_required', 'reason', 'too_short', { minLength: MIN_REASON });
  return why;
}

const stampOf = (row: repo.DefinitionRow) => ({ id: row.id, version: row.version, seedVersion: row.seedVersion, updatedAt: row.updatedAt, updatedBy: row.updatedBy });
const memorandumOf = (row: repo.DefinitionRow): Memorandum => ({ ...(JSON.parse(row.definition) as MemorandumInput), ...stampOf(row) });
const measureOf = (row: repo.MeasureRow): Measure => ({ ...(JSON.parse(row.definition) as MeasureInput), ...stampOf(row) });

/**
 * Joint reward and punishment (联合奖惩, issue 5): the memoranda and measures (versioned, each change
 * with who and why, like catalog items), and the check business systems make before acting —
 * every check answered only once its decision and access-log entry are durable, group-committed
 * (DESIGN.md decisions 5, 9) — and the feedback that says what they did.
 */
export class SanctionsService {
  readonly workflow: SanctionsWorkflow;
  private readonly rules: SanctionRules;
  private cachedBook: Promise<MeasureBook> | null = null;
  private cachedItems: { at: number; items: Promise<Map<string, ItemFacts>> } | null = null;
  private readonly checks: GroupCommit<PendingCheck>;
  // --- credit repair hook (issue 7): records whose repair was granted trigger nothing ---
  private repairedAmong: (recordIds: readonly string[]) => Promise<ReadonlySet<string>> = async () => new Set();

  /** Registered by the repair module (services.ts): a repaired record no longer triggers measures. */
  ignoreRepairedRecords(repairedAmong: (recordIds: readonly string[]) => Promise<ReadonlySet<string>>): void {
    this.repairedAmong = repairedAmong;
  }
  // --- end of credit repair hook ---

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly deps: SanctionsDeps,
  ) {
    this.rules = deps.rules ?? sanctionRules;
    this.checks = new GroupCommit((batch) =>
      inTransaction(this.db, async (tx) => {
        await repo.insertDecisions(
          tx,
          batch.map((p) => p.decision),
          batch.flatMap((p) => p.hits),
        );
        await this.audit.appendIn(
          tx,
          batch.map((p) => p.audit),
        );
      }),
    );
    this.workflow = new SanctionsWorkflow(db, clock, audit, deps, this.rules, {
      book: () => this.book(),
      itemFacts: () => this.itemFacts(),
    });
  }

  private today(): string {
    return shanghaiDate(this.clock.now());
  }

  // -------------------------------------------------------------------------------------------
  // Caches

  /** The definitions in force; loaded once and dropped by every edit. */
  book(): Promise<MeasureBook> {
    this.cachedBook ??= this.loadBook().catch((err: unknown) => {
      this.cachedBook = null;
      throw err;
    });
    return this.cachedBook;
  }

  private async loadBook(): Promise<MeasureBook> {
    const [scenarioRows, memorandumRows, measureRows] = await Promise.all([repo.listScenarios(this.db), repo.listMemoranda(this.db), repo.listMeasures(this.db)]);
    const scenarios = new Map(scenarioRows.map((s) => [s.code, { code: s.code, name: s.name }]));
    const memoranda = new Map(memorandumRows.map((r) => [r.code, memorandumOf(r)]));
    const measures = measureRows.map(measureOf);
    const byScenario = new Map<string, Measure[]>();
    for (const m of measures) {
      if (!m.active || memoranda.get(m.memorandumCode)?.active !== true) continue;
      for (const s of m.scenarios) byScenario.set(s, [...(byScenario.get(s) ?? []), m]);
    }
    return { scenarios, memoranda, measures, byScenario };
  }

  /** What matching needs of each catalog item, cached briefly (the catalog has its own editors). */
  itemFacts(): Promise<Map<string, ItemFacts>> {
    const now = Date.now();
    if (this.cachedItems === null || now - this.cachedItems.at > ITEM_CACHE_MS) {
      const items = this.deps.catalog.list().then((list) => new Map(list.map((i) => [i.code, { code: i.code, publication: i.publication, jointPunishmentBasis: i.jointPunishmentBasis, unconfirmedUtilityArrears: i.unconfirmedUtilityArrears }])));
      items.catch(() => (this.cachedItems = null));
      this.cachedItems = { at: now, items };
    }
    return this.cachedItems.items;
  }

  // -------------------------------------------------------------------------------------------
  // Definitions

  private async measureContext(overrides: { memoranda?: string[] } = {}) {
    const book = await this.book();
    const [departments, items] = await Promise.all([this.deps.accounts.listDepartments(), this.freshItemFacts()]);
    return {
      memoranda: new Set([...book.memoranda.keys(), ...(overrides.memoranda ?? [])]),
      scenarios: new Set(book.scenarios.keys()),
      items,
      departmentOrgCodes: new Set(departments.map((d) => d.orgCode)),
    };
  }

  private async freshItemFacts(): Promise<Map<string, ItemFacts>> {
    this.cachedItems = null;
    return this.itemFacts();
  }

  /**
   * Inserts the seed file's scenarios, memoranda and measures that are not stored yet; never touches
   * one that exists (an admin's edit stays). Every seeded measure is validated first. Idempotent.
   */
  async seed(): Promise<{ seedVersion: string; memorandaAdded: string[]; measuresAdded: string[] }> {
    const now = this.clock.now().toISOString();
    const memoranda = (seed.memoranda as MemorandumInput[]).map((m) => ordered(MEMORANDUM_KEYS, m));
    const measures = (seed.measures as MeasureInput[]).map((m) => ordered(MEASURE_KEYS, m));
    const result = await inTransaction(this.db, async (tx) => {
      for (const s of seed.scenarios) await repo.insertScenarioIfAbsent(tx, { code: s.code, name: s.name, nameEn: s.nameEn, seedVersion: SANCTIONS_SEED_VERSION, createdAt: now });
      const memorandaAdded: string[] = [];
      for (const m of memoranda) {
        const row = { id: newId(), code: m.code, version: 1, definition: JSON.stringify(m), active: m.active ? 1 : 0, seedVersion: SANCTIONS_SEED_VERSION, createdAt: now, updatedAt: now, updatedBy: null };
        if (!(await repo.insertMemorandumIfAbsent(tx, row))) continue;
        await this.version(tx, 'memorandum', m.code, 1, 'seed', m, null, now, `种子数据 seed/memoranda.json ${SANCTIONS_SEED_VERSION}`);
        memorandaAdded.push(m.code);
      }
      return { memorandaAdded };
    });
    this.cachedBook = null;
    const context = await this.measureContext();
    for (const m of measures) {
      const problems = validateMeasure(m, context);
      if (problems.length > 0) throw new Error(`seed/memoranda.json measure ${m.code} is invalid: ${JSON.stringify(problems)}`);
    }
    const measuresAdded = await inTransaction(this.db, async (tx) => {
      const added: string[] = [];
      for (const m of measures) {
        if (!(await repo.insertMeasureIfAbsent(tx, { ...this.measureRow(m, 1, now, null), id: newId(), seedVersion: SANCTIONS_SEED_VERSION, createdAt: now }))) continue;
        await this.version(tx, 'measure', m.code, 1, 'seed', m, null, now, `种子数据 seed/memoranda.json ${SANCTIONS_SEED_VERSION}`);
        added.push(m.code);
      }
      if (added.length > 0 || result.memorandaAdded.length > 0) {
        await this.audit.recordIn(tx, { actor: null, channel: 'job', purpose: 'seed reference data' }, {
          action: 'sanctions.seed',
          data: { seedVersion: SANCTIONS_SEED_VERSION, memorandaAdded: result.memorandaAdded, measuresAdded: added },
          result: 'ok',
        });
      }
      return added;
    });
    this.cachedBook = null;
    return { seedVersion: SANCTIONS_SEED_VERSION, memorandaAdded: result.memorandaAdded, measuresAdded };
  }

  private measureRow(m: MeasureInput, version: number, now: string, by: string | null) {
    return {
      code: m.code,
      version,
      definition: JSON.stringify(m),
      active: m.active ? 1 : 0,
      memorandumCode: m.memorandumCode,
      kind: m.kind,
      implementingOrgCode: m.implementingDepartment.orgCode,
      updatedAt: now,
      updatedBy: by,
    };
  }

  private async version(tx: Executor, kind: repo.DefinitionKind, code: string, version: number, changeKind: string, definition: object, by: string | null, at: string, reason: string) {
    await repo.insertDefinitionVersion(tx, { id: newId(), definitionKind: kind, code, version, changeKind, snapshot: JSON.stringify(definition), changedBy: by, changedAt: at, reason });
  }

  async scenarios(): Promise<Scenario[]> {
    return [...(await this.book()).scenarios.values()];
  }

  async listMemoranda(): Promise<Memorandum[]> {
    return [...(await this.book()).memoranda.values()];
  }

  async getMemorandum(code: string): Promise<Memorandum> {
    const m = (await this.book()).memoranda.get(code);
    if (!m) throw new NotFound('sanctions.memorandum_not_found', { code });
    return m;
  }

  async listMeasures(filter: { memorandum?: string; scenario?: string; kind?: string } = {}): Promise<Measure[]> {
    return (await this.book()).measures.filter(
      (m) =>
        (filter.memorandum === undefined || m.memorandumCode === filter.memorandum) &&
        (filter.scenario === undefined || m.scenarios.includes(filter.scenario)) &&
        (filter.kind === undefined || m.kind === filter.kind),
    );
  }

  async getMeasure(code: string): Promise<Measure> {
    const m = (await this.book()).measures.find((x) => x.code === code);
    if (!m) throw new NotFound('sanctions.measure_not_found', { code });
    return m;
  }

  /** Every version, oldest first; the last is the current definition. */
  async history(kind: repo.DefinitionKind, code: string): Promise<DefinitionVersion[]> {
    if (kind === 'memorandum') await this.getMemorandum(code);
    else await this.getMeasure(code);
    const rows = await repo.listDefinitionVersions(this.db, kind, code);
    return rows.map((r) => ({
      version: r.version,
      changeKind: r.changeKind as DefinitionVersion['changeKind'],
      definition: JSON.parse(r.snapshot) as Record<string, unknown>,
      changedBy: r.changedBy,
      changedAt: r.changedAt,
      reason: r.reason,
    }));
  }

  async createMemorandum(ctx: RequestContext, input: MemorandumInput, reason: string): Promise<Memorandum> {
    const why = checkReason(reason);
    const m = ordered(MEMORANDUM_KEYS, input);
    const now = this.clock.now().toISOString();
    const by = ctx.actor?.userId ?? null;
    await inTransaction(this.db, async (tx) => {
      const row = { id: newId(), code: m.code, version: 1, definition: JSON.stringify(m), active: m.active ? 1 : 0, seedVersion: null, createdAt: now, updatedAt: now, updatedBy: by };
      if (!(await repo.insertMemorandumIfAbsent(tx, row))) throw new Conflict('sanctions.code_taken', { code: m.code });
      await this.version(tx, 'memorandum', m.code, 1, 'create', m, by, now, why);
      await this.audit.recordIn(tx, ctx, { action: 'sanctions.memorandum_create', data: { code: m.code, version: 1, reason: why }, result: 'ok' });
    });
    this.cachedBook = null;
    return this.getMemorandum(m.code);
  }

  async updateMemorandum(ctx: RequestContext, code: string, changes: Omit<MemorandumInput, 'code'>, reason: string, expectedVersion: number): Promise<Memorandum> {
    const why = checkReason(reason);
    const next = ordered(MEMORANDUM_KEYS, { ...changes, code });
    return this.replace(ctx, 'memorandum', code, expectedVersion, why, async (tx) => {
      const row = await repo.findMemorandum(tx, code);
      if (!row) throw new NotFound('sanctions.memorandum_not_found', { code });
      return { row, next, changes: { definition: JSON.stringify(next), active: next.active ? 1 : 0 } };
    });
  }

  async createMeasure(ctx: RequestContext, input: MeasureInput, reason: string): Promise<Measure> {
    const why = checkReason(reason);
    const m = ordered(MEASURE_KEYS, input);
    const problems = validateMeasure(m, await this.measureContext());
    if (problems.length > 0) throw new DefinitionInvalid(problems);
    const now = this.clock.now().toISOString();
    const by = ctx.actor?.userId ?? null;
    await inTransaction(this.db, async (tx) => {
      if (!(await repo.insertMeasureIfAbsent(tx, { ...this.measureRow(m, 1, now, by), id: newId(), seedVersion: null, createdAt: now }))) throw new Conflict('sanctions.code_taken', { code: m.code });
      await this.version(tx, 'measure', m.code, 1, 'create', m, by, now, why);
      await this.audit.recordIn(tx, ctx, { action: 'sanctions.measure_create', data: { code: m.code, version: 1, reason: why }, result: 'ok' });
    });
    this.cachedBook = null;
    return this.getMeasure(m.code);
  }

  async updateMeasure(ctx: RequestContext, code: string, changes: Omit<MeasureInput, 'code'>, reason: string, expectedVersion: number): Promise<Measure> {
    const why = checkReason(reason);
    const next = ordered(MEASURE_KEYS, { ...changes, code });
    const problems = validateMeasure(next, await this.measureContext());
    if (problems.length > 0) throw new DefinitionInvalid(problems);
    return this.replace(ctx, 'measure', code, expectedVersion, why, async (tx) => {
      const row = await repo.findMeasure(tx, code);
      if (!row) throw new NotFound('sanctions.measure_not_found', { code });
      const { definition, active, memorandumCode, kind, implementingOrgCode } = this.measureRow(next, 0, '', null);
      return { row, next, changes: { definition, active, memorandumCode, kind, implementingOrgCode } };
    });
  }

  /**
   * Stores `next` as version n+1 when the stored definition is still at `expectedVersion`
   * (`sanctions.version_conflict`, 409, otherwise); a change that changes nothing writes nothing.
   */
  private async replace<T extends Memorandum | Measure>(
    ctx: RequestContext,
    kind: repo.DefinitionKind,
    code: string,
    expectedVersion: number,
    why: string,
    load: (tx: Executor) => Promise<{ row: repo.DefinitionRow; next: object; changes: Record<string, unknown> }>,
  ): Promise<T> {
    const now = this.clock.now().toISOString();
    const by = ctx.actor?.userId ?? null;
    const conflict = (currentVersion: number | null) => new Conflict('sanctions.version_conflict', { code, expectedVersion, currentVersion });
    try {
      await inTransaction(this.db, async (tx) => {
        const { row, next, changes } = await load(tx);
        if (row.version !== expectedVersion) throw conflict(row.version);
        if (canonical(JSON.parse(row.definition)) === canonical(next)) return;
        const version = row.version + 1;
        const set = { ...changes, version, updatedAt: now, updatedBy: by } as Parameters<typeof repo.updateMeasureIfVersion>[3];
        const updated = kind === 'memorandum' ? await repo.updateMemorandumIfVersion(tx, code, expectedVersion, set) : await repo.updateMeasureIfVersion(tx, code, expectedVersion, set);
        if (!updated) throw conflict(null);
        await this.version(tx, kind, code, version, 'update', next, by, now, why);
        await this.audit.recordIn(tx, ctx, { action: `sanctions.${kind}_update`, data: { code, fromVersion: row.version, version, reason: why }, result: 'ok' });
      });
    } catch (err) {
      // Two edits of one version racing: the (kind, code, version) unique key lets only one land.
      if (isUniqueViolation(err)) throw conflict(null);
      throw err;
    }
    this.cachedBook = null;
    return (kind === 'memorandum' ? this.getMemorandum(code) : this.getMeasure(code)) as Promise<T>;
  }

  // -------------------------------------------------------------------------------------------
  // The check

  /**
   * Which measures apply to the subject in the scenario today (`POST /api/v1/sanctions/check`).
   * Bad input (unknown scenario, invalid code) is refused before anything is written; otherwise
   * the decision and its access-log entry are committed (group commit) before the answer.
   */
  async check(ctx: RequestContext, body: { subject: string; scenario: string }): Promise<CheckReply> {
    const book = await this.book();
    const scenario = book.scenarios.get(body.scenario.trim());
    if (!scenario) throw new InvalidInput('sanctions.unknown_scenario', 'scenario', 'unknown', { value: body.scenario, allowed: [...book.scenarios.keys()].join(', ') });
    const today = this.today();
    const code = classifySubjectCode(body.subject, today);
    if (!code.ok) {
      const detail = codeRejectionMessages[code.reason];
      throw new InvalidInput('sanctions.invalid_code', 'subject', code.reason, { detailZh: detail.zh, detailEn: detail.en });
    }
    const type = code.facts.kind;
    const masked = type === 'person' ? maskCitizenCode(code.facts.code) : code.facts.code;
    const id = type === 'person' ? await this.deps.identity.resolvePersonId(code.facts.code) : await this.deps.identity.resolveOrganizationId(code.facts.code);
    const measures = book.byScenario.get(scenario.code) ?? [];
    // A code the platform has never seen has no records and no entries: nothing to apply.
    const hits = id === null || measures.length === 0 ? [] : await this.hitsFor({ type, id }, measures, book, today);

    const decisionId = newId();
    const at = this.clock.now().toISOString();
    const subject = id === null ? undefined : { kind: type, id };
    await this.checks.submit({
      decision: {
        id: decisionId,
        callerUserId: ctx.actor?.userId ?? null,
        callerDepartmentId: ctx.actor?.departmentId ?? null,
        subjectType: type,
        subjectId: id,
        subjectCodeMasked: masked,
        scenarioCode: scenario.code,
        decidedAt: at,
        decidedOn: today,
        hitCount: hits.length,
        hits: JSON.stringify(hits.map((h) => ({ kind: h.kind, measure: h.measure.code, memorandum: h.memorandum.code, trigger: h.trigger }))),
      },
      hits: hits.map((h) => ({ decisionId, measureCode: h.measure.code, memorandumCode: h.memorandum.code, implementingOrgCode: h.measure.implementingDepartment.orgCode, kind: h.kind })),
      // DESIGN.md decision 5: a check reads the subject's standing and records, so it is logged.
      audit: this.audit.toRow(ctx, {
        action: 'sanctions.check',
        ...(subject ? { subject } : {}),
        data: { decisionId, scenario: scenario.code, subjectCode: masked, hits: hits.length, measures: hits.map((h) => h.measure.code) },
        result: id === null ? 'not_found' : 'ok',
      }),
    });
    return { decisionId, subject: { type, code: masked }, scenario, asOf: today, hits };
  }

  private async hitsFor(subject: SubjectRef, measures: readonly Measure[], book: MeasureBook, today: string): Promise<Hit[]> {
    const needsRecords = measures.some((m) => m.triggers.some((t) => t.type === 'record'));
    // One read of the subject's records serves both the record triggers and the standing.
    const allRecords = needsRecords ? await this.deps.records.subjectFacts(subject.type === 'person' ? { personId: subject.id } : { organizationId: subject.id }) : undefined;
    // Credit repair (issue 7): measures stop applying to a repaired record at the next check.
    const repaired = allRecords && allRecords.length > 0 ? await this.repairedAmong(allRecords.map((r) => r.recordId)) : new Set<string>();
    const records = allRecords?.filter((r) => !repaired.has(r.recordId));
    const [standing, items] = await Promise.all([this.deps.lists.standingOf(subject, records), this.itemFacts()]);
    const matched = matchMeasures(measures, { subjectType: subject.type, standing, records: records ?? [], items, today, rewardsWithheldWhileListed: this.rules.rewardsWithheldWhileListed });
    const persons = await this.responsiblePersons(matched, standing);
    return matched.map((m) => {
      const memorandum = book.memoranda.get(m.measure.memorandumCode)!;
      const { code, name, matter, means, target, implementingDepartment, severityFit, guidance } = m.measure;
      return {
        kind: m.measure.kind,
        measure: { code, name, matter, means, target, implementingDepartment, severityFit, guidance },
        memorandum: { code: memorandum.code, name: memorandum.name, documentNumber: memorandum.documentNumber },
        basis: m.measure.legalBasis,
        trigger: m.triggers[0]!,
        triggers: m.triggers,
        appliesTo: { subject: m.appliesToSubject, responsiblePersons: m.reachesPersons ? persons(m) : [] },
      };
    });
  }

  /**
   * For an organization: its legal representative and responsible persons, from the personal
   * records derived from the records its triggers rest on (落实到人, Henan Art. 35).
   */
  private async responsiblePersons(matched: MatchedMeasure[], standing: SubjectStanding): Promise<(m: MatchedMeasure) => { role: string; name: string }[]> {
    const reaching = matched.filter((m) => m.reachesPersons);
    if (reaching.length === 0) return () => [];
    const entryRecords = new Map(standing.entries.map((e) => [e.entryId, e.recordIds]));
    const recordIdsOf = (m: MatchedMeasure) => m.triggers.flatMap((t) => (t.type === 'list' ? (entryRecords.get(t.entryId) ?? []) : t.type === 'record' ? [t.recordId] : []));
    const derived = await this.deps.records.derivedFacts([...new Set(reaching.flatMap(recordIdsOf))]);
    return (m) => {
      const ids = new Set(recordIdsOf(m));
      const seen = new Set<string>();
      return derived
        .filter((d) => d.linkedRecordId !== null && ids.has(d.linkedRecordId) && d.personId !== null && !seen.has(`${d.personId}:${d.linkRole}`) && seen.add(`${d.personId}:${d.linkRole}`))
        .map((d) => ({ role: d.linkRole ?? 'responsible', name: maskPersonName(d.subjectName) }));
    };
  }

  /**
   * What the business system did after a check (反馈). Only the caller that made the check may
   * answer it (another caller's decision answers 404 like a missing one); the measures must be
   * among its hits; one feedback per check.
   */
  async feedback(ctx: RequestContext, body: { decisionId: string; measuresApplied: string[]; outcome: string }): Promise<{ feedbackId: string; decisionId: string; measuresApplied: string[]; recordedAt: string }> {
    const decision = await repo.findDecision(this.db, body.decisionId);
    if (!decision || decision.callerUserId === null || decision.callerUserId !== (ctx.actor?.userId ?? null)) throw new NotFound('sanctions.decision_not_found');
    const hits = new Map((await repo.listDecisionHits(this.db, decision.id)).map((h) => [h.measureCode, h]));
    body.measuresApplied.forEach((code, i) => {
      if (!hits.has(code)) throw new InvalidInput('sanctions.measure_not_hit', `measuresApplied[${i}]`, 'not_hit', { value: code });
      if (body.measuresApplied.indexOf(code) !== i) throw new InvalidInput('sanctions.duplicate_value', `measuresApplied[${i}]`, 'duplicate', { value: code });
    });
    const outcome = body.outcome.trim();
    if (outcome.length === 0) throw new InvalidInput('sanctions.reason_required', 'outcome', 'too_short', { minLength: 1 });
    const feedbackId = newId();
    const at = this.clock.now().toISOString();
    const by = ctx.actor?.userId ?? null;
    try {
      await inTransaction(this.db, async (tx) => {
        if (await repo.findFeedback(tx, decision.id)) throw new Conflict('sanctions.feedback_exists', { decisionId: decision.id });
        await repo.insertFeedback(tx, { id: feedbackId, decisionId: decision.id, outcome, givenBy: by, givenAt: at });
        await repo.insertApplications(
          tx,
          body.measuresApplied.map((code) => {
            const h = hits.get(code)!;
            return { id: newId(), source: 'feedback' as const, decisionId: decision.id, taskId: null, measureCode: code, memorandumCode: h.memorandumCode, implementingOrgCode: h.implementingOrgCode, departmentId: ctx.actor?.departmentId ?? null, outcome, recordedBy: by, recordedAt: at };
          }),
        );
        await this.audit.recordIn(tx, ctx, {
          action: 'sanctions.feedback',
          ...(decision.subjectId ? { subject: { kind: decision.subjectType as 'person' | 'organization', id: decision.subjectId } } : {}),
          data: { decisionId: decision.id, feedbackId, measuresApplied: body.measuresApplied },
          result: 'ok',
        });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new Conflict('sanctions.feedback_exists', { decisionId: decision.id });
      throw err;
    }
    return { feedbackId, decisionId: decision.id, measuresApplied: body.measuresApplied, recordedAt: at };
  }
}
