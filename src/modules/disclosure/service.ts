import type { Clock } from '../../shared/clock.ts';
import { shanghaiDate } from '../../shared/clock.ts';
import type { RequestContext } from '../../shared/context.ts';
import { Conflict, InvalidInput, NotFound } from '../../shared/errors.ts';
import type { FieldCipher } from '../../shared/crypto.ts';
import { newId } from '../../shared/ids.ts';
import { maskCitizenCode, maskPersonName } from '../../shared/masking.ts';
import type { Db, Tx } from '../../db/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { AccountsService } from '../accounts/index.ts';
import type { CatalogItem, CatalogService, Severity } from '../catalog/index.ts';
import { classifySubjectCode, codeRejectionMessages, type IdentityService } from '../identity/index.ts';
import type { ListEntry, ListsService, SubjectRef } from '../lists/index.ts';
import type { RecordsService, SubjectRecordFact } from '../records/index.ts';
import { TypicalCases } from './cases.ts';
import * as repo from './repo.ts';
import { Tips } from './tips.ts';
import { disclosureRules, type DisclosureRules } from './rules.ts';
import type { DisclosureTarget, PublicResult, SearchReply, Suspension, SuspensionReason } from './schema.ts';
import { extendedWhileListed, isMinorAtAct, isOpenOn, recordWindow } from './windows.ts';

/** Written with every public search that shows a person, so the person sees it in their access log. */
export const PUBLIC_SEARCH_PURPOSE = '公开查询';

/** A query of letters and digits with at least one digit is read as a full code, never as a name. */
const CODE_SHAPE = /^(?=.*\d)[0-9A-Za-z]+$/;

const LIST_NAMES: Record<'red' | 'serious_dishonesty', string> = { red: '红名单', serious_dishonesty: '严重失信主体名单' };

/** Why something disclosed is withdrawn today (see `isWithdrawn`). */
export type WithdrawalReason = SuspensionReason;

/** A suspension of disclosure: what, why, from when (today by default) until when (open-ended by default). */
export interface SuspensionInput {
  target: DisclosureTarget;
  reason: SuspensionReason;
  note: string;
  fromOn?: string;
  untilOn?: string | null;
}

interface FoundSubject {
  ref: SubjectRef;
  /** Masked citizen code, or the public org code */
  code: string;
  /** The organization's name (public); persons' names come masked with each result */
  name: string | null;
}

const key = (t: DisclosureTarget) => `${t.kind}:${t.id}`;

function toSuspension(r: repo.SuspensionRow): Suspension {
  return {
    id: r.id,
    target: { kind: r.targetKind as DisclosureTarget['kind'], id: r.targetId },
    reason: r.reason as SuspensionReason,
    note: r.note,
    fromOn: r.fromOn,
    untilOn: r.untilOn,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    liftedAt: r.liftedAt,
    liftedOn: r.liftedOn,
    liftedBy: r.liftedBy,
    liftNote: r.liftNote,
  };
}

/**
 * Public disclosure (公开公示, 《河南省社会信用条例》Art. 18, 36; policy (二)4): what the public may see
 * of a subject today — red-list and serious-dishonesty entries in force and records of public
 * catalog items within their publication window — computed from the rules and the clock on every
 * search, never stored, so nothing stays public past its period. Withdrawn meanwhile: removed list
 * entries (lists), suspended items (`suspend`, for objections), and anything about a person who was
 * under 18 at the act (policy (四)10).
 */
export class DisclosureService {
  readonly cases: TypicalCases;
  readonly tips: Tips;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly deps: {
      identity: IdentityService;
      catalog: CatalogService;
      records: RecordsService;
      lists: ListsService;
      accounts: AccountsService;
      /** Encrypts reporters' names and contacts at rest */
      fieldCipher: FieldCipher;
      /** DATA_DIR/uploads */
      uploadDir: string;
    },
    readonly rules: DisclosureRules = disclosureRules,
  ) {
    this.cases = new TypicalCases(db, clock, audit, deps.accounts, () => deps.catalog.keyDomains, rules);
    this.tips = new Tips(db, clock, audit, deps.fieldCipher, { accounts: deps.accounts, catalog: deps.catalog }, deps.uploadDir, rules);
  }

  private today(): string {
    return shanghaiDate(this.clock.now());
  }

  // -------------------------------------------------------------------------------------------
  // Public search

  /**
   * Searches by a full citizen code or org code (exact: the blind index, the org code), or by name:
   * organizations by name, persons only among the public list entries (the persons table is never
   * searched by name). Each person shown gets a `disclosure.public_search` access-log entry.
   */
  async search(ctx: RequestContext, q: string): Promise<SearchReply> {
    const today = this.today();
    const query = q.trim();
    const { identity, lists } = this.deps;
    const { maxSubjects, maxEntries, minNameLength } = this.rules.search;
    const found = new Map<string, FoundSubject>();
    let queryKind: SearchReply['queryKind'];
    if (CODE_SHAPE.test(query)) {
      const check = classifySubjectCode(query, today);
      if (!check.ok) {
        const detail = codeRejectionMessages[check.reason];
        throw new InvalidInput('disclosure.invalid_code', 'q', check.reason, { detailZh: detail.zh, detailEn: detail.en });
      }
      if (check.facts.kind === 'person') {
        queryKind = 'citizen_code';
        const id = await identity.resolvePersonId(check.facts.code);
        if (id) found.set(`person:${id}`, { ref: { type: 'person', id }, code: maskCitizenCode(check.facts.code), name: null });
      } else {
        queryKind = 'org_code';
        const id = await identity.resolveOrganizationId(check.facts.code);
        if (id) found.set(`organization:${id}`, { ref: { type: 'organization', id }, code: check.facts.code, name: null });
      }
    } else {
      if (Array.from(query).length < minNameLength) throw new InvalidInput('disclosure.query_too_short', 'q', 'too_short', { minLength: minNameLength });
      queryKind = 'name';
      const [organizations, entries] = await Promise.all([identity.organizationsNamed(query, maxSubjects), lists.publicEntries({ nameLike: query }, maxEntries)]);
      for (const o of organizations) found.set(`organization:${o.id}`, { ref: { type: 'organization', id: o.id }, code: o.orgCode, name: o.name });
      for (const e of entries) {
        const k = `${e.subjectType}:${e.subjectId}`;
        if (!found.has(k)) found.set(k, { ref: { type: e.subjectType, id: e.subjectId }, code: e.subjectCodeMasked, name: e.subjectType === 'organization' ? e.subjectName : null });
      }
    }
    const subjects = [...found.values()].slice(0, maxSubjects);
    const items: PublicResult[] = [];
    if (subjects.length > 0) {
      const [catalog, departments, birthDates] = await Promise.all([
        this.deps.catalog.list(),
        this.deps.accounts.listDepartments(),
        identity.birthDatesOf(subjects.filter((s) => s.ref.type === 'person').map((s) => s.ref.id)),
      ]);
      const context = { today, items: new Map(catalog.map((i) => [i.code, i])), departments: new Map(departments.map((d) => [d.id, d.name])), birthDates };
      const perSubject = await Promise.all(subjects.map((s) => this.disclosedFor(s, context)));
      items.push(...perSubject.flat());
      // Henan Art. 40, DESIGN.md decision 5: the person sees every search that showed them.
      const shown = new Map<string, number>();
      for (const [i, s] of subjects.entries()) if (s.ref.type === 'person' && perSubject[i]!.length > 0) shown.set(s.ref.id, perSubject[i]!.length);
      await Promise.all(
        [...shown].map(([id, results]) =>
          this.audit.record({ ...ctx, purpose: PUBLIC_SEARCH_PURPOSE }, { action: 'disclosure.public_search', subject: { kind: 'person', id }, data: { queryKind, results }, result: 'ok' }),
        ),
      );
    }
    return { queryKind, asOf: today, items };
  }

  /** What the public may see of one subject today. */
  private async disclosedFor(
    subject: FoundSubject,
    context: { today: string; items: Map<string, CatalogItem>; departments: Map<string, string>; birthDates: Map<string, string> },
  ): Promise<PublicResult[]> {
    const { today, items, departments, birthDates } = context;
    const { ref } = subject;
    const [entries, facts] = await Promise.all([
      this.deps.lists.publicEntries({ subject: ref }, this.rules.search.maxEntries),
      this.deps.records.subjectFacts(ref.type === 'person' ? { personId: ref.id } : { organizationId: ref.id }),
    ]);
    const withdrawn = await this.withdrawnAmong([...entries.map((e) => ({ kind: 'entry' as const, id: e.id })), ...facts.map((f) => ({ kind: 'record' as const, id: f.recordId }))], today);
    const birthDate = ref.type === 'person' ? birthDates.get(ref.id) : undefined;
    const isMinorAt = (date: string | null) => birthDate !== undefined && date !== null && isMinorAtAct(birthDate, date, this.rules.adultAge);
    const factById = new Map(facts.map((f) => [f.recordId, f]));
    const displayName = (name: string) => subject.name ?? (ref.type === 'person' ? maskPersonName(name) : name);

    const results: PublicResult[] = [];
    // The last day each record is cited by an entry in force (Henan Art. 19 ¶3: disclosed while listed).
    const listedUntil = new Map<string, string | null>();
    for (const e of entries) {
      if (withdrawn.has(key({ kind: 'entry', id: e.id }))) continue;
      const actOn = earliest(e.records.map((r) => r.decisionDate)) ?? e.decidedOn ?? e.listedOn;
      if (isMinorAt(actOn)) continue;
      for (const r of e.records) {
        const before = listedUntil.get(r.recordId);
        if (before !== null && (e.endsOn === null || before === undefined || e.endsOn > before)) listedUntil.set(r.recordId, e.endsOn);
      }
      results.push(entryResult(e, subject.code, e.records.map((r) => factById.get(r.recordId)?.sourceRecordId).filter((n): n is string => n !== undefined)));
    }
    for (const f of facts) {
      const item = items.get(f.itemCode);
      if (!item || item.disclosureLevel !== 'public' || f.decisionDate === null) continue;
      let window = recordWindow(item.publication, f.severity as Severity | null, f.decisionDate);
      if (window === null) continue;
      if (item.publication.extendsWhileListed) window = extendedWhileListed(window, listedUntil.get(f.recordId));
      if (!isOpenOn(window, today) || isMinorAt(f.decisionDate) || withdrawn.has(key({ kind: 'record', id: f.recordId }))) continue;
      results.push(recordResult(f, item, window, displayName(f.subjectName), subject.code, departments.get(f.departmentId) ?? ''));
    }
    return results;
  }

  // -------------------------------------------------------------------------------------------
  // Withdrawal and suspension

  /**
   * Why each of these targets is withdrawn today (absent when it is not): a suspension in effect.
   * The one place that decides — objections and repair extend it (a pending objection suspends; a
   * repaired or corrected record will be withdrawn here too). Removed list entries never reach it:
   * the lists module returns only entries in force.
   */
  async withdrawnAmong(targets: readonly DisclosureTarget[], today = this.today()): Promise<Map<string, WithdrawalReason>> {
    const active = await repo.listActiveSuspensions(this.db, targets, today);
    return new Map(active.map((s) => [`${s.targetKind}:${s.targetId}`, s.reason as WithdrawalReason]));
  }

  async isWithdrawn(target: DisclosureTarget): Promise<WithdrawalReason | null> {
    return (await this.withdrawnAmong([target])).get(key(target)) ?? null;
  }

  /**
   * Stops the disclosure of a record or list entry from `fromOn` (today by default) until `untilOn`
   * or until lifted — an objection pending (Henan Art. 41: the item is marked at once), a repair, a
   * revocation. In the caller's transaction: the suspension commits, or not, with the change that
   * causes it. The caller checks the target exists.
   */
  async suspendIn(tx: Tx, ctx: RequestContext, input: SuspensionInput): Promise<Suspension> {
    const fromOn = input.fromOn ?? this.today();
    const untilOn = input.untilOn ?? null;
    if (untilOn !== null && untilOn < fromOn) throw new InvalidInput('disclosure.invalid_period', 'untilOn', 'before_from', { fromOn, untilOn });
    const row: repo.SuspensionRow = {
      id: newId(),
      targetKind: input.target.kind,
      targetId: input.target.id,
      reason: input.reason,
      note: input.note,
      fromOn,
      untilOn,
      createdBy: ctx.actor?.userId ?? null,
      createdAt: this.clock.now().toISOString(),
      liftedAt: null,
      liftedOn: null,
      liftedBy: null,
      liftNote: null,
    };
    await repo.insertSuspension(tx, row);
    await this.audit.recordIn(tx, ctx, { action: 'disclosure.suspend', data: { suspensionId: row.id, target: input.target, reason: input.reason, fromOn, untilOn }, result: 'ok' });
    return toSuspension(row);
  }

  /** Ends a suspension today (the objection was decided), in the caller's transaction; disclosure resumes if its window is still open. */
  async liftIn(tx: Tx, ctx: RequestContext, suspensionId: string, note: string): Promise<Suspension> {
    const now = this.clock.now();
    const row = await repo.findSuspension(tx, suspensionId);
    if (!row) throw new NotFound('disclosure.suspension_not_found', { suspensionId });
    const changes = { liftedAt: now.toISOString(), liftedOn: shanghaiDate(now), liftedBy: ctx.actor?.userId ?? null, liftNote: note };
    if (!(await repo.liftSuspension(tx, suspensionId, changes))) throw new Conflict('disclosure.suspension_lifted', { liftedOn: row.liftedOn });
    await this.audit.recordIn(tx, ctx, { action: 'disclosure.lift', data: { suspensionId, target: { kind: row.targetKind, id: row.targetId } }, result: 'ok' });
    return toSuspension({ ...row, ...changes });
  }

  async suspensionsOf(target: DisclosureTarget): Promise<Suspension[]> {
    return (await repo.listSuspensionsOf(this.db, target)).map(toSuspension);
  }

  /** The departments a reporter may address (names are public). */
  async departments(): Promise<Array<{ id: string; name: string }>> {
    return (await this.deps.accounts.listDepartments()).map((d) => ({ id: d.id, name: d.name }));
  }
}

function earliest(dates: ReadonlyArray<string | null>): string | null {
  let first: string | null = null;
  for (const d of dates) if (d !== null && (first === null || d < first)) first = d;
  return first;
}

function entryResult(e: ListEntry, code: string, documentNumbers: string[]): PublicResult {
  const list = e.list as 'red' | 'serious_dishonesty';
  return {
    kind: list,
    subjectType: e.subjectType,
    subjectName: e.subjectName,
    subjectCode: code,
    category: e.category,
    categoryName: e.categoryName,
    severity: e.severity,
    decision: { itemCode: null, itemName: LIST_NAMES[list], documentNumbers, decisionDate: e.decidedOn ?? e.listedOn, department: e.departmentName },
    basis: e.basis,
    reason: e.reason,
    period: { from: e.listedOn!, until: e.endsOn },
  };
}

function recordResult(f: SubjectRecordFact, item: CatalogItem, window: { from: string; until: string | null }, name: string, code: string, department: string): PublicResult {
  return {
    kind: 'record',
    subjectType: f.subjectType,
    subjectName: name,
    subjectCode: code,
    category: item.category,
    categoryName: null,
    severity: f.severity,
    decision: { itemCode: item.code, itemName: item.name, documentNumbers: [f.sourceRecordId], decisionDate: f.decisionDate, department },
    basis: item.legalBasis ?? item.sourceDocument,
    reason: null,
    period: window,
  };
}
