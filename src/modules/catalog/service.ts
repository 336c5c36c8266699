import type { Clock } from '../../shared/clock.ts';
import { shanghaiDate } from '../../shared/clock.ts';
import type { RequestContext } from '../../shared/context.ts';
import { Conflict, DomainError, InvalidInput, NotFound } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { inTransaction, isUniqueViolation, type Db, type Executor } from '../../db/index.ts';
import type { AuditLog } from '../audit/index.ts';
import * as repo from './repo.ts';
import { CATALOG_SEED_VERSION, catalogRules, type CatalogRules } from './rules.ts';
import type {
  CatalogFilter,
  CatalogItem,
  CatalogItemChanges,
  CatalogItemInput,
  CatalogItemVersion,
  FieldDefinition,
  KeyProfession,
  PublicationRule,
  RetentionRule,
} from './schema.ts';
import { ANY_DEPARTMENT, normalizeItem, reasonsNotAcceptingRecords, validateItem, type ItemProblem } from './validation.ts';
import catalogSeed from './seed/catalog.json' with { type: 'json' };
import professionSeed from './seed/key-professions.json' with { type: 'json' };

const MIN_REASON = 2;

/**
 * An item that breaks the catalog rules. `field` and `code` are the first problem's; `problems`
 * lists every one, each located inside the item (`severity`, `fields[3].enumValues` …).
 */
export class CatalogItemInvalid extends InvalidInput {
  constructor(readonly problems: ItemProblem[]) {
    const first = problems[0]!;
    super(first.code, first.field, first.reason, { ...first.facts, problems: problems.map(({ code, field, reason }) => ({ code, field, reason })) });
  }
}

/** Records may not be submitted for this item now (inactive, no legal basis, rights review missing). */
export class ItemNotAcceptingRecords extends DomainError {
  constructor(code: string, reasons: string[]) {
    super('catalog.not_accepting_records', 409, { itemCode: code, reasons: reasons.join(', ') });
  }
}

const bool = (n: number) => n === 1;
const int = (b: boolean) => (b ? 1 : 0);

/** The stored definition of an item, in the canonical key order (see `normalizeItem`). */
function inputOf(row: repo.CatalogItemRow, sources: string[]): CatalogItemInput {
  return normalizeItem({
    code: row.code,
    name: row.name,
    subjectType: row.subjectType as CatalogItemInput['subjectType'],
    category: row.category as CatalogItemInput['category'],
    severity: row.severity as CatalogItemInput['severity'],
    severityPerRecord: bool(row.severityPerRecord),
    keyDomain: row.keyDomain,
    provider: row.provider,
    sourceDepartments: [...sources].sort(),
    legalBasis: row.legalBasis,
    sourceDocument: row.sourceDocument,
    disclosureLevel: row.disclosureLevel as CatalogItemInput['disclosureLevel'],
    dataFormat: row.dataFormat,
    coverage: row.coverage,
    updateCycle: row.updateCycle,
    fields: JSON.parse(row.fields) as FieldDefinition[],
    publication: JSON.parse(row.publication) as PublicationRule,
    retention: JSON.parse(row.retention) as RetentionRule,
    minSubjectAge: row.minSubjectAge,
    jointPunishmentBasis: bool(row.jointPunishmentBasis),
    unconfirmedUtilityArrears: bool(row.unconfirmedUtilityArrears),
    reducesRights: bool(row.reducesRights),
    expertReviewedAt: row.expertReviewedAt,
    publicCommentAt: row.publicCommentAt,
    notes: JSON.parse(row.notes) as string[],
    active: bool(row.active),
  });
}

function itemOf(row: repo.CatalogItemRow, sources: string[]): CatalogItem {
  const input = inputOf(row, sources);
  const notAcceptingBecause = reasonsNotAcceptingRecords(input);
  return {
    ...input,
    id: row.id,
    version: row.version,
    acceptsRecords: notAcceptingBecause.length === 0,
    notAcceptingBecause,
    seedVersion: row.seedVersion,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

function rowOf(
  item: CatalogItemInput,
  meta: Pick<repo.CatalogItemRow, 'id' | 'version' | 'seedVersion' | 'createdAt' | 'updatedAt' | 'updatedBy'>,
): repo.CatalogItemRow {
  return {
    id: meta.id,
    code: item.code,
    version: meta.version,
    name: item.name,
    subjectType: item.subjectType,
    category: item.category,
    severity: item.severity,
    severityPerRecord: int(item.severityPerRecord),
    keyDomain: item.keyDomain,
    provider: item.provider,
    legalBasis: item.legalBasis,
    sourceDocument: item.sourceDocument,
    disclosureLevel: item.disclosureLevel,
    dataFormat: item.dataFormat,
    coverage: item.coverage,
    updateCycle: item.updateCycle,
    fields: JSON.stringify(item.fields),
    publication: JSON.stringify(item.publication),
    retention: JSON.stringify(item.retention),
    notes: JSON.stringify(item.notes),
    minSubjectAge: item.minSubjectAge,
    jointPunishmentBasis: int(item.jointPunishmentBasis),
    unconfirmedUtilityArrears: int(item.unconfirmedUtilityArrears),
    reducesRights: int(item.reducesRights),
    expertReviewedAt: item.expertReviewedAt,
    publicCommentAt: item.publicCommentAt,
    active: int(item.active),
    seedVersion: meta.seedVersion,
    createdAt: meta.createdAt,
    updatedAt: meta.updatedAt,
    updatedBy: meta.updatedBy,
  };
}

/** Sources are a set: stored and compared sorted. */
const withSortedSources = (item: CatalogItemInput): CatalogItemInput => ({ ...item, sourceDepartments: [...item.sourceDepartments].sort() });

/** Top-level keys whose values differ, for the access log. */
function changedKeys(before: CatalogItemInput, after: CatalogItemInput): string[] {
  return (Object.keys(after) as (keyof CatalogItemInput)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

function checkReason(reason: string): string {
  const why = reason.trim();
  if (why.length < MIN_REASON) throw new InvalidInput('catalog.reason_required', 'reason', 'too_short', { minLength: MIN_REASON });
  return why;
}

/**
 * The public credit information catalog (公共信用信息目录, 《河南省社会信用条例》Art. 11): what may be
 * recorded, about whom, by which departments, on what legal basis, how it is disclosed and for how
 * long. Every change is a new version with who and why, written with its access-log entry in one
 * transaction (DESIGN.md decision 2); concurrent edits are refused by version (`catalog.version_conflict`).
 */
export class CatalogService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly rules: CatalogRules = catalogRules,
  ) {}

  /** The 16 key domains of the policy (Chinese names), the values `keyDomain` may take. */
  get keyDomains(): readonly string[] {
    return this.rules.keyDomains;
  }

  private today(): string {
    return shanghaiDate(this.clock.now());
  }

  /** Every problem with an item, without writing anything (for forms and dry runs). */
  check(item: CatalogItemInput): ItemProblem[] {
    return validateItem(normalizeItem(item), this.rules, this.today());
  }

  private validated(item: CatalogItemInput): CatalogItemInput {
    const normal = withSortedSources(normalizeItem(item));
    const problems = validateItem(normal, this.rules, this.today());
    if (problems.length > 0) throw new CatalogItemInvalid(problems);
    return normal;
  }

  /**
   * Inserts the seed file's items and key professions that are not stored yet; never touches an
   * item that exists (an admin's edit stays). Idempotent, and safe when two processes seed at once.
   */
  async seed(): Promise<{ seedVersion: string; itemsAdded: string[]; professionsAdded: number }> {
    const items = (catalogSeed.items as CatalogItemInput[]).map((raw) => {
      const item = withSortedSources(normalizeItem(raw));
      const problems = validateItem(item, this.rules, this.today());
      if (problems.length > 0) throw new Error(`seed/catalog.json item ${item.code} is invalid: ${JSON.stringify(problems)}`);
      return item;
    });
    const now = this.clock.now().toISOString();
    return inTransaction(this.db, async (tx) => {
      const itemsAdded: string[] = [];
      for (const item of items) {
        const id = newId();
        const inserted = await repo.insertItemIfAbsent(tx, rowOf(item, { id, version: 1, seedVersion: CATALOG_SEED_VERSION, createdAt: now, updatedAt: now, updatedBy: null }));
        if (!inserted) continue;
        await repo.replaceSources(tx, id, item.sourceDepartments);
        await repo.insertVersion(tx, {
          id: newId(),
          itemId: id,
          version: 1,
          changeKind: 'seed',
          snapshot: JSON.stringify(item),
          changedBy: null,
          changedAt: now,
          reason: `种子数据 seed/catalog.json ${CATALOG_SEED_VERSION}；来源：${item.sourceDocument}`,
        });
        itemsAdded.push(item.code);
      }
      let professionsAdded = 0;
      for (const p of professionSeed.professions) {
        const row = { code: p.code, name: p.name, licenceLabel: p.licenceLabel, legalBasis: p.legalBasis, seedVersion: professionSeed.version, createdAt: now };
        if (await repo.insertKeyProfessionIfAbsent(tx, row)) professionsAdded += 1;
      }
      if (itemsAdded.length > 0 || professionsAdded > 0) {
        await this.audit.recordIn(tx, { actor: null, channel: 'job', purpose: 'seed reference data' }, {
          action: 'catalog.seed',
          data: { seedVersion: CATALOG_SEED_VERSION, itemsAdded, professionSeedVersion: professionSeed.version, professionsAdded },
          result: 'ok',
        });
      }
      return { seedVersion: CATALOG_SEED_VERSION, itemsAdded, professionsAdded };
    });
  }

  async list(filter: CatalogFilter = {}): Promise<CatalogItem[]> {
    const rows = await repo.listItems(this.db, filter);
    const sources = await repo.listSources(
      this.db,
      rows.map((r) => r.id),
    );
    return rows.map((row) => itemOf(row, sources.get(row.id) ?? []));
  }

  async get(code: string): Promise<CatalogItem> {
    return this.getIn(this.db, code);
  }

  private async getIn(db: Executor, code: string): Promise<CatalogItem> {
    const normal = code.trim().toUpperCase();
    const row = await repo.findItemByCode(db, normal);
    if (!row) throw new NotFound('catalog.item_not_found', { itemCode: normal });
    const sources = await repo.listSources(db, [row.id]);
    return itemOf(row, sources.get(row.id) ?? []);
  }

  /** Every version of the item, oldest first; the last one is the current definition. */
  async history(code: string): Promise<CatalogItemVersion[]> {
    const item = await this.get(code);
    const rows = await repo.listVersions(this.db, item.id);
    return rows.map((r) => ({
      version: r.version,
      changeKind: r.changeKind as CatalogItemVersion['changeKind'],
      item: JSON.parse(r.snapshot) as CatalogItemInput,
      changedBy: r.changedBy,
      changedAt: r.changedAt,
      reason: r.reason,
    }));
  }

  /** Adds an item (version 1). Refused when invalid (`CatalogItemInvalid`) or when the code is taken (409). */
  async create(ctx: RequestContext, input: CatalogItemInput, reason: string): Promise<CatalogItem> {
    const why = checkReason(reason);
    const item = this.validated(input);
    const now = this.clock.now().toISOString();
    const id = newId();
    const by = ctx.actor?.userId ?? null;
    await inTransaction(this.db, async (tx) => {
      const inserted = await repo.insertItemIfAbsent(tx, rowOf(item, { id, version: 1, seedVersion: null, createdAt: now, updatedAt: now, updatedBy: by }));
      if (!inserted) throw new Conflict('catalog.code_taken', { itemCode: item.code });
      await repo.replaceSources(tx, id, item.sourceDepartments);
      await repo.insertVersion(tx, { id: newId(), itemId: id, version: 1, changeKind: 'create', snapshot: JSON.stringify(item), changedBy: by, changedAt: now, reason: why });
      await this.audit.recordIn(tx, ctx, { action: 'catalog.item_create', data: { itemId: id, code: item.code, version: 1, reason: why }, result: 'ok' });
    });
    return this.get(item.code);
  }

  /**
   * Changes an item made against `expectedVersion`: the merged definition is validated as a whole,
   * then stored as version n+1 with who and why. A stale version answers `catalog.version_conflict`
   * (409); a change that changes nothing writes nothing.
   */
  async update(ctx: RequestContext, code: string, changes: CatalogItemChanges, reason: string, expectedVersion: number): Promise<CatalogItem> {
    const why = checkReason(reason);
    const normalCode = code.trim().toUpperCase();
    const given = (changes as { code?: unknown }).code;
    if (given !== undefined && String(given).trim().toUpperCase() !== normalCode) throw new InvalidInput('catalog.code_immutable', 'code', 'immutable');
    const now = this.clock.now().toISOString();
    const by = ctx.actor?.userId ?? null;
    const conflict = (currentVersion: number | null) => new Conflict('catalog.version_conflict', { itemCode: normalCode, expectedVersion, currentVersion });
    try {
      return await inTransaction(this.db, async (tx) => {
        const row = await repo.findItemByCode(tx, normalCode);
        if (!row) throw new NotFound('catalog.item_not_found', { itemCode: normalCode });
        if (row.version !== expectedVersion) throw conflict(row.version);
        const sources = (await repo.listSources(tx, [row.id])).get(row.id) ?? [];
        const current = withSortedSources(inputOf(row, sources));
        const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as CatalogItemChanges;
        const next = this.validated({ ...current, ...defined, code: current.code });
        const changed = changedKeys(current, next);
        if (changed.length === 0) return itemOf(row, sources);

        const version = row.version + 1;
        const updated = rowOf(next, { id: row.id, version, seedVersion: row.seedVersion, createdAt: row.createdAt, updatedAt: now, updatedBy: by });
        if (!(await repo.updateItemIfVersion(tx, updated, expectedVersion))) throw conflict(null);
        if (changed.includes('sourceDepartments')) await repo.replaceSources(tx, row.id, next.sourceDepartments);
        await repo.insertVersion(tx, { id: newId(), itemId: row.id, version, changeKind: 'update', snapshot: JSON.stringify(next), changedBy: by, changedAt: now, reason: why });
        await this.audit.recordIn(tx, ctx, {
          action: 'catalog.item_update',
          data: { itemId: row.id, code: normalCode, fromVersion: row.version, version, changed, reason: why },
          result: 'ok',
        });
        return this.getIn(tx, normalCode);
      });
    } catch (err) {
      // Two edits of one version racing: the (item_id, version) unique key lets only one land.
      if (isUniqueViolation(err)) throw conflict(null);
      throw err;
    }
  }

  /**
   * True when the department (by unified social credit code) may submit records for the item:
   * it is listed, or the item accepts any administrative organ (`*`). Unknown items answer false.
   */
  isSource(itemCode: string, departmentOrgCode: string): Promise<boolean> {
    return repo.hasSource(this.db, itemCode.trim().toUpperCase(), [departmentOrgCode.trim().toUpperCase(), ANY_DEPARTMENT]);
  }

  /** The item, if records may be submitted for it now; otherwise `catalog.not_accepting_records` (for ingestion). */
  async requireAcceptingItem(code: string): Promise<CatalogItem> {
    const item = await this.get(code);
    if (!item.acceptsRecords) throw new ItemNotAcceptingRecords(item.code, item.notAcceptingBecause);
    return item;
  }

  /** The key professions of 济政办〔2017〕55号 (一)2, in the policy's order, then any others by code. */
  async listKeyProfessions(): Promise<KeyProfession[]> {
    const order = new Map(professionSeed.professions.map((p, i) => [p.code, i]));
    const rows = await repo.listKeyProfessions(this.db);
    const rank = (code: string) => order.get(code) ?? Number.MAX_SAFE_INTEGER;
    return rows
      .sort((a, b) => rank(a.code) - rank(b.code) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
      .map((r) => ({ code: r.code, name: r.name, licenceLabel: r.licenceLabel, legalBasis: r.legalBasis, seedVersion: r.seedVersion }));
  }
}
