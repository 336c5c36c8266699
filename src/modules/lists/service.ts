import type { Clock } from '../../shared/clock.ts';
import { shanghaiDate } from '../../shared/clock.ts';
import { systemContext, type RequestContext } from '../../shared/context.ts';
import { Conflict, Forbidden, InvalidInput, NotFound } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { maskPersonName } from '../../shared/masking.ts';
import { inTransaction, type Db, type Executor } from '../../db/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { AccountsService } from '../accounts/index.ts';
import type { CatalogItem, CatalogService } from '../catalog/index.ts';
import { classifySubjectCode, codeRejectionMessages, type IdentityService } from '../identity/index.ts';
import type { RecordsService, SubjectRecordFact } from '../records/index.ts';
import { noticeText } from './notices.ts';
import * as repo from './repo.ts';
import { addDays, categoryName, isCleanFor, lastDayOf, listRules, type ListRules } from './rules.ts';
import type { Candidates, DecisionBody, EntryDetail, EntryStatus, ListEntry, ListOptions, Notice, NoticeChannel, NoticeKind, ProposeBody, RemovalReason, StatementBody } from './schema.ts';
import type { ListKind, StandingEntry, SubjectRef, SubjectStanding, WatchCategory } from './standing.ts';

/** The lists the public portal discloses (Henan Art. 36: red and black lists are published); the watch list is not. */
const PUBLIC_LISTS: readonly ListKind[] = ['red', 'serious_dishonesty'];

/** The calendar's `addWorkingDays` (holidays and 调休). */
export type AddWorkingDays = (date: string, days: number) => Promise<string>;

/** Called once an entry is listed (in force); the sanctions module starts its 发起 → 响应 workflow from it. */
export type EntryListener = (entry: StandingEntry & { subject: SubjectRef }) => Promise<void>;

const SEVERITY_RANK: Record<string, number> = { minor: 1, ordinary: 2, serious: 3 };

/** What each list's entry waits in before a reviewer decides (Henan Art. 28). */
const PENDING_STATUS: Record<ListKind, EntryStatus> = { red: 'announced', serious_dishonesty: 'notified', watch: 'proposed' };

/** Red and serious-dishonesty lists are published (Henan Art. 36); the watch list is shared among departments only. */
const LISTING_CHANNEL: Record<ListKind, NoticeChannel> = { red: 'public', serious_dishonesty: 'public', watch: 'government' };

interface Subject extends SubjectRef {
  name: string;
  codeMasked: string;
}

/**
 * The red list, the serious-dishonesty list and the watch list (issue 5, 《河南省社会信用条例》
 * Art. 27–28, 35–37, 国办发〔2020〕49号): proposals citing the subject's records, the prior notice
 * and defence period or the public announcement, the department's decision, listing with a
 * validity, and removal on expiry, repair, correction or revocation — every step an event with
 * who, when and why, written with its audit entry in one transaction. A subject's standing is
 * computed from the entries, records and the clock on each call (policy (三)5).
 */
export class ListsService {
  private readonly listeners: EntryListener[] = [];

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly identity: IdentityService,
    private readonly catalog: CatalogService,
    private readonly records: RecordsService,
    private readonly accounts: AccountsService,
    private readonly addWorkingDays: AddWorkingDays,
    readonly rules: ListRules = listRules,
  ) {}

  private today(): string {
    return shanghaiDate(this.clock.now());
  }

  // -------------------------------------------------------------------------------------------
  // Standing: what sanctions and reports read

  /**
   * The subject's standing today: entries in force (own, and for a person the organization
   * entries resting on records derived to them — 落实到人), whether they have been clean for the
   * rule's years, and their latest bad record. Four indexed queries, nothing stored; three when
   * the caller passes the subject's current records (`records.subjectFacts`) it read already.
   */
  async standingOf(subject: SubjectRef, knownFacts?: readonly SubjectRecordFact[]): Promise<SubjectStanding> {
    const today = this.today();
    const [own, facts] = await Promise.all([
      repo.listInForceOf(this.db, subject, today),
      knownFacts ?? this.records.subjectFacts(subject.type === 'person' ? { personId: subject.id } : { organizationId: subject.id }),
    ]);
    // Records keep a severity only for bad items (records/rows.ts), so a severity marks a bad record.
    let lastBadRecordOn: string | null = null;
    const roleByOrgRecord = new Map<string, string>();
    for (const f of facts) {
      if (f.severity !== null) {
        const on = f.decisionDate ?? shanghaiDate(new Date(f.updatedAt));
        if (lastBadRecordOn === null || on > lastBadRecordOn) lastBadRecordOn = on;
      }
      if (subject.type === 'person' && f.linkedRecordId !== null) roleByOrgRecord.set(f.linkedRecordId, f.linkRole ?? 'responsible');
    }
    const reaching = await repo.listInForceOnRecords(this.db, [...roleByOrgRecord.keys()], this.rules.reachesResponsiblePersons, today);
    const via = new Map<string, repo.EntryRow & { recordId: string }>();
    for (const row of reaching) if (!via.has(row.id)) via.set(row.id, row);
    const cited = await repo.listRecordsOf(this.db, [...own.map((r) => r.id), ...via.keys()]);
    return {
      subject: { type: subject.type, id: subject.id },
      asOf: today,
      entries: [
        ...own.map((row) => standingEntry(row, cited, null)),
        ...[...via.values()].map((row) => standingEntry(row, cited, { organizationId: row.subjectId, organizationName: row.subjectName, role: roleByOrgRecord.get(row.recordId)! })),
      ],
      cleanForYears: isCleanFor(lastBadRecordOn, today, this.rules.cleanYears),
      lastBadRecordOn,
    };
  }

  /** Registers a listener called after an entry is listed (after its transaction commits). */
  onEntryListed(listener: EntryListener): void {
    this.listeners.push(listener);
  }

  /**
   * Entries in force, oldest change first, changed after `changedSince` (an ISO instant, the last
   * `updatedAt` seen): the feed an idempotent reconcile pages through.
   */
  async listEntriesInForce(query: { list?: ListKind; changedSince?: string; limit: number }): Promise<Array<StandingEntry & { subject: SubjectRef; updatedAt: string }>> {
    const rows = await repo.listInForce(this.db, { ...(query.list ? { kind: query.list } : {}), ...(query.changedSince ? { changedSince: query.changedSince } : {}) }, this.today(), query.limit);
    const cited = await repo.listRecordsOf(
      this.db,
      rows.map((r) => r.id),
    );
    return rows.map((row) => ({ ...standingEntry(row, cited, null), subject: subjectOf(row), updatedAt: row.updatedAt }));
  }

  private async announceListed(row: repo.EntryRow): Promise<void> {
    if (this.listeners.length === 0) return;
    const entry = { ...standingEntry(row, await repo.listRecordsOf(this.db, [row.id]), null), subject: subjectOf(row) };
    for (const listener of this.listeners) {
      try {
        await listener(entry);
      } catch (err) {
        // The listing is committed; a listener's failure is logged and made good by its reconcile.
        await this.audit.record(systemContext('job', 'list entry listeners'), {
          action: 'lists.listener_failed',
          subject: { kind: row.subjectType as 'person' | 'organization', id: row.subjectId },
          data: { entryId: row.id, error: err instanceof Error ? err.message : String(err) },
          result: 'failed',
        });
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Proposals

  /** The rule file's categories and numbers, for forms. */
  options(): ListOptions {
    const r = this.rules;
    return {
      seriousCategories: [...r.seriousCategories],
      watchCategories: r.watchCategories.map((c) => ({ ...c, code: c.code as WatchCategory })),
      redCases: [...r.redCases],
      validity: { ...r.validity },
      defenceWorkingDays: r.defenceWorkingDays,
      redAnnouncementWorkingDays: r.redAnnouncementWorkingDays,
    };
  }

  /** Resolves a citizen or org code to a known subject; the read is logged by identity. */
  private async subjectByCode(ctx: RequestContext, code: string): Promise<Subject> {
    const check = classifySubjectCode(code, this.today());
    if (!check.ok) {
      const detail = codeRejectionMessages[check.reason];
      throw new InvalidInput('lists.invalid_code', 'subjectCode', check.reason, { detailZh: detail.zh, detailEn: detail.en });
    }
    if (check.facts.kind === 'person') {
      const person = await this.identity.findPersonByCode(ctx, check.facts.code);
      return { type: 'person', id: person.id, name: person.name, codeMasked: person.maskedCode };
    }
    const organization = await this.identity.findOrganizationByCode(ctx, check.facts.code);
    return { type: 'organization', id: organization.id, name: organization.name, codeMasked: organization.orgCode };
  }

  private async itemsOf(facts: readonly SubjectRecordFact[]): Promise<Map<string, CatalogItem>> {
    const codes = new Set(facts.map((f) => f.itemCode));
    return new Map((await this.catalog.list()).filter((i) => codes.has(i.code)).map((i) => [i.code, i]));
  }

  /** Why a record cannot be cited for this list (a `lists.*` code), or null when it can. */
  private refusalOf(list: ListKind, fact: SubjectRecordFact, item: CatalogItem | undefined): string | null {
    if (item === undefined) return 'lists.not_a_basis';
    // 《河南省社会信用条例》Art. 27: unconfirmed utility or property-fee arrears are never a basis — for any list.
    if (item.unconfirmedUtilityArrears) return 'lists.utility_arrears_not_a_basis';
    if (list === 'red') return item.category === 'good' && this.rules.redItems.has(item.code) ? null : 'lists.not_a_red_basis';
    if (item.category !== 'bad') return 'lists.not_bad';
    if (list === 'watch') return null;
    // 国办发〔2020〕49号: a serious act, on an item listed as a basis for joint punishment.
    if (fact.severity !== 'serious') return 'lists.not_serious';
    return item.jointPunishmentBasis ? null : 'lists.not_a_punishment_basis';
  }

  /** The subject's records and whether each may be cited for the list (the proposal form). */
  async candidates(ctx: RequestContext, query: { list: ListKind; subjectCode: string }): Promise<Candidates> {
    this.requireDepartment(ctx);
    const subject = await this.subjectByCode(ctx, query.subjectCode);
    const facts = await this.factsOf(subject);
    const items = await this.itemsOf(facts);
    await this.audit.record(ctx, { action: 'lists.candidates', subject: { kind: subject.type, id: subject.id }, data: { list: query.list, records: facts.length }, result: 'ok' });
    return {
      subject: { type: subject.type, id: subject.id, name: displayName(subject.type, subject.name), codeMasked: subject.codeMasked },
      records: facts.map((f) => ({
        recordId: f.recordId,
        itemCode: f.itemCode,
        itemName: items.get(f.itemCode)?.name ?? f.itemCode,
        severity: f.severity,
        decisionDate: f.decisionDate,
        refusal: this.refusalOf(query.list, f, items.get(f.itemCode)),
      })),
    };
  }

  private factsOf(subject: SubjectRef): Promise<SubjectRecordFact[]> {
    return this.records.subjectFacts(subject.type === 'person' ? { personId: subject.id } : { organizationId: subject.id });
  }

  private requireDepartment(ctx: RequestContext): string {
    const id = ctx.actor?.departmentId ?? null;
    if (id === null) throw new Forbidden('lists.no_department');
    return id;
  }

  /** The category the proposal gives or its records imply, checked against the rule file. */
  private categoryFor(body: ProposeBody, cited: readonly SubjectRecordFact[]): string | null {
    const given = body.category ?? null;
    const invalid = () => new InvalidInput('lists.category_invalid', 'category', 'unknown', { category: given ?? '' });
    if (body.list === 'red') {
      if (cited.length === 0) {
        if (!this.rules.redCases.some((c) => c.code === given)) throw invalid();
        if (!body.sourceText) throw new InvalidInput('lists.source_required', 'sourceText', 'required');
        return given;
      }
      const implied = this.rules.redItems.get(cited[0]!.itemCode)!.code;
      if (given !== null && given !== implied) throw invalid();
      return implied;
    }
    const allowed = body.list === 'serious_dishonesty' ? this.rules.seriousCategories : this.rules.watchCategories;
    if (given === null) throw new InvalidInput('lists.category_required', 'category', 'required');
    if (!allowed.some((c) => c.code === given)) throw invalid();
    return given;
  }

  /**
   * A department proposes an entry citing the subject's records and the legal basis. Red: the
   * candidate is publicly announced at once; serious dishonesty: the written prior notice goes to
   * the subject and the defence period starts; watch: it waits for the reviewer.
   */
  async propose(ctx: RequestContext, body: ProposeBody): Promise<EntryDetail> {
    const departmentId = this.requireDepartment(ctx);
    const subject = await this.subjectByCode(ctx, body.subjectCode);
    const facts = new Map((await this.factsOf(subject)).map((f) => [f.recordId, f]));
    const cited = body.recordIds.map((id, i) => {
      const fact = facts.get(id);
      if (fact === undefined) throw new InvalidInput('lists.record_not_subjects', `recordIds/${i}`, 'not_subjects', { recordId: id });
      return fact;
    });
    const items = await this.itemsOf(cited);
    cited.forEach((fact, i) => {
      const refusal = this.refusalOf(body.list, fact, items.get(fact.itemCode));
      if (refusal !== null) throw new InvalidInput(refusal, `recordIds/${i}`, 'not_a_basis', { recordId: fact.recordId, itemCode: fact.itemCode, itemName: items.get(fact.itemCode)?.name ?? fact.itemCode });
    });
    if (body.list === 'serious_dishonesty') {
      if (cited.length === 0) throw new InvalidInput('lists.records_required', 'recordIds', 'required');
      if (!body.measures) throw new InvalidInput('lists.measures_required', 'measures', 'required');
    }
    const category = this.categoryFor(body, cited);
    const bounds = this.rules.validity[body.list];
    const validityMonths = body.validityMonths ?? bounds.defaultMonths;
    if (validityMonths < bounds.minMonths || validityMonths > bounds.maxMonths) {
      throw new InvalidInput('lists.validity_out_of_bounds', 'validityMonths', 'out_of_bounds', { min: bounds.minMonths, max: bounds.maxMonths });
    }
    const open = await repo.findOpenEntry(this.db, body.list, subject, category);
    if (open) throw new Conflict('lists.entry_exists', { entryId: open.id, status: open.status });

    const today = this.today();
    const now = this.clock.now().toISOString();
    const status = PENDING_STATUS[body.list];
    const severity =
      body.list === 'serious_dishonesty' ? 'serious' : (cited.map((f) => f.severity).reduce<string | null>((a, b) => (b !== null && (a === null || SEVERITY_RANK[b]! > SEVERITY_RANK[a]!) ? b : a), null));
    const row: repo.EntryRow = {
      id: newId(),
      kind: body.list,
      subjectType: subject.type,
      subjectId: subject.id,
      subjectName: subject.name,
      subjectCodeMasked: subject.codeMasked,
      category,
      severity,
      status,
      basis: body.basis.trim(),
      reason: body.reason.trim(),
      sourceText: body.sourceText?.trim() ?? null,
      measures: body.measures?.trim() ?? null,
      departmentId,
      validityMonths,
      proposedBy: ctx.actor?.userId ?? null,
      proposedOn: today,
      // 《河南省社会信用条例》Art. 28 and STANDARDS.md: the defence period runs in working days from the notice.
      notifiedOn: body.list === 'serious_dishonesty' ? today : null,
      defenceUntil: body.list === 'serious_dishonesty' ? await this.addWorkingDays(today, this.rules.defenceWorkingDays) : null,
      // Art. 28: red-list candidates are announced before confirmation.
      announcedOn: body.list === 'red' ? today : null,
      announcementUntil: body.list === 'red' ? await this.addWorkingDays(today, this.rules.redAnnouncementWorkingDays) : null,
      decidedBy: null,
      decidedOn: null,
      listedOn: null,
      endsOn: null,
      removedOn: null,
      removalReason: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    const records = cited.map((f) => ({ entryId: row.id, recordId: f.recordId, itemCode: f.itemCode, severity: f.severity, decisionDate: f.decisionDate }));
    const notice: NoticeKind | null = body.list === 'serious_dishonesty' ? 'prior_notice' : body.list === 'red' ? 'announcement' : null;
    const department = await this.departmentName(departmentId);
    await inTransaction(this.db, async (tx) => {
      await repo.insertEntry(tx, row, records);
      await this.event(tx, ctx, row, 'propose', null, body.reason);
      if (notice !== null) await this.publish(tx, row, department, notice, notice === 'prior_notice' ? 'person' : 'public', null);
      await this.audit.recordIn(tx, ctx, {
        action: 'lists.propose',
        subject: { kind: subject.type, id: subject.id },
        data: { entryId: row.id, list: body.list, category, recordIds: body.recordIds, status },
        result: 'ok',
      });
    });
    return this.detailOf(row);
  }

  private async event(tx: Executor, ctx: RequestContext, row: repo.EntryRow, action: string, fromStatus: string | null, note: string | null): Promise<void> {
    await repo.insertEvent(tx, {
      id: newId(),
      entryId: row.id,
      action,
      fromStatus,
      toStatus: row.status,
      version: row.version,
      actorUserId: ctx.actor?.userId ?? null,
      actorRole: ctx.actor?.role ?? (ctx.channel === 'job' ? 'system' : null),
      at: this.clock.now().toISOString(),
      note,
      data: null,
    });
  }

  /** Writes a notice in the caller's transaction; `department` is read before it (no reads on another connection inside). */
  private async publish(tx: Executor, row: repo.EntryRow, department: string, kind: NoticeKind, channel: NoticeChannel, removalNote: string | null): Promise<void> {
    const name = categoryName(this.rules, row.kind as ListKind, row.category);
    const until = kind === 'prior_notice' ? row.defenceUntil : kind === 'announcement' ? row.announcementUntil : null;
    const text = noticeText(kind, {
      list: row.kind as ListKind,
      subjectName: displayName(row.subjectType, row.subjectName),
      subjectCodeMasked: row.subjectCodeMasked,
      categoryZh: name?.zh ?? null,
      categoryEn: name?.en ?? null,
      departmentName: department,
      basis: row.basis,
      reason: row.reason,
      measures: row.measures,
      until,
      listedOn: row.listedOn,
      endsOn: row.endsOn,
      removalReason: row.removalReason as RemovalReason | null,
      removalNote,
    });
    await repo.insertNotice(tx, { id: newId(), entryId: row.id, kind, channel, ...text, publishedAt: this.clock.now().toISOString(), publishedOn: this.today(), until });
  }

  // -------------------------------------------------------------------------------------------
  // Decisions

  /** An entry of the caller's department; another department's answers like a missing one. */
  private async departmentEntry(ctx: RequestContext, id: string): Promise<repo.EntryRow> {
    const row = await repo.findEntry(this.db, id);
    const scope = ctx.actor?.departmentId ?? null;
    if (!row || (scope !== null && row.departmentId !== scope)) throw new NotFound('lists.entry_not_found');
    return row;
  }

  /** Applies a state change guarded by version, with its event, notice and audit entry. */
  private async change(
    ctx: RequestContext,
    row: repo.EntryRow,
    expectedVersion: number,
    changes: Partial<repo.EntryRow>,
    step: { action: string; note: string; notice?: { kind: NoticeKind; channel: NoticeChannel }; audit: Record<string, unknown> },
  ): Promise<repo.EntryRow> {
    if (row.version !== expectedVersion) throw new Conflict('lists.version_conflict', { version: row.version });
    const next: repo.EntryRow = { ...row, ...changes, version: row.version + 1, updatedAt: this.clock.now().toISOString() };
    const department = await this.departmentName(row.departmentId);
    await inTransaction(this.db, async (tx) => {
      if (!(await repo.updateEntry(tx, row.id, row.version, { ...changes, updatedAt: next.updatedAt }))) throw new Conflict('lists.version_conflict', { version: row.version });
      await this.event(tx, ctx, next, step.action, row.status, step.note);
      if (step.notice) await this.publish(tx, next, department, step.notice.kind, step.notice.channel, step.action === 'remove' ? step.note : null);
      await this.audit.recordIn(tx, ctx, {
        action: `lists.${step.action}`,
        subject: { kind: row.subjectType as 'person' | 'organization', id: row.subjectId },
        data: { entryId: row.id, list: row.kind, from: row.status, to: next.status, ...step.audit },
        result: 'ok',
      });
    });
    return next;
  }

  /**
   * The department's reviewer decides a pending entry: `list` once the announcement (red) or the
   * defence period (serious dishonesty) is over, or `withdraw` at any time before listing.
   */
  async decide(ctx: RequestContext, id: string, body: DecisionBody): Promise<EntryDetail> {
    const row = await this.departmentEntry(ctx, id);
    const list = row.kind as ListKind;
    if (row.status !== PENDING_STATUS[list]) throw new Conflict('lists.not_pending', { status: row.status });
    const today = this.today();
    const decided = { decidedBy: ctx.actor?.userId ?? null, decidedOn: today };
    if (body.outcome === 'withdraw') {
      const next = await this.change(ctx, row, body.version, { ...decided, status: 'withdrawn', removedOn: today, removalReason: 'withdrawn' }, { action: 'withdraw', note: body.note, audit: {} });
      return this.detailOf(next);
    }
    if (row.announcementUntil !== null && today <= row.announcementUntil) throw new Conflict('lists.announcement_running', { until: row.announcementUntil });
    if (row.defenceUntil !== null && today <= row.defenceUntil) throw new Conflict('lists.defence_period_running', { until: row.defenceUntil });
    const endsOn = lastDayOf(today, row.validityMonths);
    const next = await this.change(
      ctx,
      row,
      body.version,
      { ...decided, status: 'listed', listedOn: today, endsOn },
      { action: 'list', note: body.note, notice: { kind: 'listing', channel: LISTING_CHANNEL[list] }, audit: { listedOn: today, endsOn } },
    );
    await this.announceListed(next);
    return this.detailOf(next);
  }

  /**
   * Takes a listed entry off its list — on expiry, repair, correction or revocation — and publishes
   * the exit notice through the channel the listing went out on (Henan Art. 37). Callers: the
   * department's reviewer, the expiry job, and the repair and objection modules.
   */
  async removeEntry(ctx: RequestContext, entryId: string, input: { reason: RemovalReason; note: string; version?: number }): Promise<EntryDetail> {
    const row = await this.departmentEntry(ctx, entryId);
    if (row.status !== 'listed') throw new Conflict('lists.not_listed', { status: row.status });
    // An expired entry left the list the day after its last day, whenever the job notices.
    const removedOn = input.reason === 'expiry' ? addDays(row.endsOn!, 1) : this.today();
    const channel = (await repo.findListingChannel(this.db, row.id))?.channel as NoticeChannel | undefined;
    const next = await this.change(
      ctx,
      row,
      input.version ?? row.version,
      { status: 'removed', removedOn, removalReason: input.reason },
      { action: 'remove', note: input.note, notice: { kind: 'exit', channel: channel ?? LISTING_CHANNEL[row.kind as ListKind] }, audit: { reason: input.reason, removedOn } },
    );
    return this.detailOf(next);
  }

  /**
   * Takes off their lists the subject's own entries in force that rest on this record (not those
   * reaching a person through an organization): the record was repaired or revoked. Each leaves
   * with its exit notice; returns how many did.
   */
  async removeEntriesRestingOn(ctx: RequestContext, subject: SubjectRef, recordId: string, input: { reason: RemovalReason; note: string }): Promise<number> {
    const resting = (await this.standingOf(subject)).entries.filter((e) => e.via === null && e.recordIds.includes(recordId));
    for (const entry of resting) await this.removeEntry(ctx, entry.entryId, input);
    return resting.length;
  }

  /** The background job: entries past their last day leave their list with an exit notice. */
  async expireEntries(ctx: RequestContext = systemContext('job', 'list validity ended 名单有效期届满')): Promise<number> {
    let removed = 0;
    for (const row of await repo.listExpired(this.db, this.today(), 500)) {
      try {
        await this.removeEntry(ctx, row.id, { reason: 'expiry', note: '有效期届满，自动移出 / validity ended', version: row.version });
        removed += 1;
      } catch (err) {
        // Someone changed it meanwhile (a repair, say): the next run looks again.
        if (!(err instanceof Conflict)) throw err;
      }
    }
    return removed;
  }

  // -------------------------------------------------------------------------------------------
  // The citizen's side

  private async ownEntry(ctx: RequestContext, id: string): Promise<repo.EntryRow> {
    const personId = ctx.actor?.personId ?? null;
    const row = await repo.findEntry(this.db, id);
    // Someone else's entry answers exactly like a missing one.
    if (!row || personId === null || row.subjectType !== 'person' || row.subjectId !== personId) throw new NotFound('lists.entry_not_found');
    return row;
  }

  /** A citizen's own entries, every status. */
  async listMine(ctx: RequestContext): Promise<{ items: ListEntry[]; total: number }> {
    const personId = ctx.actor?.personId ?? null;
    if (personId === null) return { items: [], total: 0 };
    const { rows, total } = await repo.listEntries(this.db, { subject: { type: 'person', id: personId } }, 200, 0);
    await this.audit.record(ctx, { action: 'lists.read_own', subject: { kind: 'person', id: personId }, data: { count: rows.length }, result: 'ok' });
    return { items: await this.toEntries(rows), total };
  }

  async getMine(ctx: RequestContext, id: string): Promise<EntryDetail> {
    const row = await this.ownEntry(ctx, id);
    await this.audit.record(ctx, { action: 'lists.read_own', subject: { kind: 'person', id: row.subjectId }, data: { entryId: id }, result: 'ok' });
    return this.detailOf(row);
  }

  /**
   * The person states a defence, or asks for review (复核), within the defence period of a
   * serious-dishonesty proposal (Henan Art. 28). The reviewer's decision answers it.
   */
  async fileStatement(ctx: RequestContext, id: string, body: StatementBody): Promise<EntryDetail> {
    const row = await this.ownEntry(ctx, id);
    if (row.status !== 'notified') throw new Conflict('lists.not_in_defence', { status: row.status });
    if (this.today() > row.defenceUntil!) throw new Conflict('lists.defence_period_over', { until: row.defenceUntil });
    const action = body.kind === 'defence' ? 'defence' : 'review_request';
    const next = await this.change(ctx, row, row.version, {}, { action, note: body.text.trim(), audit: { kind: body.kind } });
    return this.detailOf(next);
  }

  // -------------------------------------------------------------------------------------------
  // Department reads and the public announcements

  async listEntries(ctx: RequestContext, query: { list?: ListKind; status?: EntryStatus; limit?: number; offset?: number }): Promise<{ items: ListEntry[]; total: number }> {
    // Department users see their department's entries; the admin and the auditor every one.
    const departmentId = ctx.actor?.departmentId ?? undefined;
    const { rows, total } = await repo.listEntries(
      this.db,
      { ...(departmentId ? { departmentId } : {}), ...(query.list ? { kind: query.list } : {}), ...(query.status ? { status: query.status } : {}) },
      query.limit ?? 50,
      query.offset ?? 0,
    );
    await this.audit.record(ctx, { action: 'lists.list', data: { filter: { list: query.list ?? null, status: query.status ?? null }, count: rows.length, entryIds: rows.map((r) => r.id) }, result: 'ok' });
    return { items: await this.toEntries(rows), total };
  }

  async getEntry(ctx: RequestContext, id: string): Promise<EntryDetail> {
    const row = await this.departmentEntry(ctx, id);
    await this.audit.record(ctx, { action: 'lists.read', subject: { kind: row.subjectType as 'person' | 'organization', id: row.subjectId }, data: { entryId: id }, result: 'ok' });
    return this.detailOf(row);
  }

  // --- For the public portal (disclosure, issue 6) -------------------------------------------

  /**
   * Red-list and serious-dishonesty entries in force today (the lists disclosed to the public,
   * Henan Art. 36), of one subject or by a fragment of the subject's name; names masked like every
   * list output. Not audited itself: the portal logs the search for each person it shows.
   */
  async publicEntries(query: { subject: SubjectRef } | { nameLike: string }, limit = 50): Promise<ListEntry[]> {
    return this.toEntries(await repo.listPublicInForce(this.db, query, PUBLIC_LISTS, this.today(), limit));
  }

  /** Red-list candidates under announcement and exit notices, names masked (public portal). */
  async publicNotices(limit = 50, offset = 0) {
    const { rows, total } = await repo.listPublicNotices(this.db, this.today(), limit, offset);
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind as 'announcement' | 'exit',
        list: r.listKind as ListKind,
        subjectName: displayName(r.subjectType, r.subjectName),
        subjectCodeMasked: r.subjectCodeMasked,
        title: { zh: r.titleZh, en: r.titleEn },
        body: { zh: r.bodyZh, en: r.bodyEn },
        publishedAt: r.publishedAt,
        until: r.until,
      })),
      total,
    };
  }

  private async departmentName(id: string): Promise<string> {
    return (await this.departmentNames()).get(id) ?? '';
  }

  private async departmentNames(): Promise<Map<string, string>> {
    return new Map((await this.accounts.listDepartments()).map((d) => [d.id, d.name]));
  }

  private async toEntries(rows: readonly repo.EntryRow[]): Promise<ListEntry[]> {
    const [departments, cited] = await Promise.all([
      this.departmentNames(),
      repo.listRecordsOf(
        this.db,
        rows.map((r) => r.id),
      ),
    ]);
    const today = this.today();
    return rows.map((r) => ({
      id: r.id,
      list: r.kind as ListKind,
      subjectType: r.subjectType as 'person' | 'organization',
      subjectId: r.subjectId,
      subjectName: displayName(r.subjectType, r.subjectName),
      subjectCodeMasked: r.subjectCodeMasked,
      category: r.category,
      categoryName: categoryName(this.rules, r.kind as ListKind, r.category),
      severity: r.severity,
      status: r.status as EntryStatus,
      inForce: isInForce(r, today),
      basis: r.basis,
      reason: r.reason,
      sourceText: r.sourceText,
      measures: r.measures,
      departmentId: r.departmentId,
      departmentName: departments.get(r.departmentId) ?? '',
      validityMonths: r.validityMonths,
      proposedOn: r.proposedOn,
      notifiedOn: r.notifiedOn,
      defenceUntil: r.defenceUntil,
      announcedOn: r.announcedOn,
      announcementUntil: r.announcementUntil,
      decidedOn: r.decidedOn,
      listedOn: r.listedOn,
      endsOn: r.endsOn,
      removedOn: r.removedOn,
      removalReason: r.removalReason,
      records: cited.filter((c) => c.entryId === r.id).map((c) => ({ recordId: c.recordId, itemCode: c.itemCode, severity: c.severity, decisionDate: c.decisionDate })),
      version: r.version,
      updatedAt: r.updatedAt,
    }));
  }

  private async detailOf(row: repo.EntryRow): Promise<EntryDetail> {
    const [[entry], events, notices] = await Promise.all([this.toEntries([row]), repo.listEvents(this.db, row.id), repo.listNotices(this.db, row.id)]);
    return {
      entry: entry!,
      events: events.map((e) => ({ action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, at: e.at, actorUserId: e.actorUserId, actorRole: e.actorRole, note: e.note })),
      notices: notices.map(
        (n): Notice => ({
          id: n.id,
          entryId: n.entryId,
          kind: n.kind as NoticeKind,
          channel: n.channel as NoticeChannel,
          title: { zh: n.titleZh, en: n.titleEn },
          body: { zh: n.bodyZh, en: n.bodyEn },
          publishedAt: n.publishedAt,
          until: n.until,
        }),
      ),
    };
  }
}

const displayName = (subjectType: string, name: string) => (subjectType === 'person' ? maskPersonName(name) : name);

const isInForce = (row: repo.EntryRow, today: string) => row.status === 'listed' && row.endsOn !== null && row.endsOn >= today;

const subjectOf = (row: repo.EntryRow): SubjectRef => ({ type: row.subjectType as SubjectRef['type'], id: row.subjectId });

function standingEntry(row: repo.EntryRow, cited: readonly repo.EntryRecordRow[], via: StandingEntry['via']): StandingEntry {
  const own = cited.filter((c) => c.entryId === row.id);
  return {
    entryId: row.id,
    list: row.kind as ListKind,
    category: row.category,
    itemCodes: [...new Set(own.map((c) => c.itemCode))],
    recordIds: own.map((c) => c.recordId),
    severity: row.severity as StandingEntry['severity'],
    basis: row.basis,
    departmentId: row.departmentId,
    listedOn: row.listedOn!,
    endsOn: row.endsOn,
    via,
  };
}
