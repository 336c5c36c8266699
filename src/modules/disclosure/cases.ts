import type { Clock } from '../../shared/clock.ts';
import { shanghaiDate } from '../../shared/clock.ts';
import type { RequestContext } from '../../shared/context.ts';
import { Conflict, Forbidden, InvalidInput, NotFound } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { inTransaction, type Db, type Executor } from '../../db/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { AccountsService } from '../accounts/index.ts';
import * as repo from './repo.ts';
import type { DisclosureRules } from './rules.ts';
import type { CaseContent, CaseDetail, CaseStatus, PublicCase, TypicalCase } from './schema.ts';

const PLATFORM_NAME = '市发展和改革委员会';

const contentOf = (r: Pick<repo.CaseRow, 'kind' | 'title' | 'summary' | 'body' | 'keyDomain' | 'basis'>): CaseContent => ({
  kind: r.kind as CaseContent['kind'],
  title: r.title,
  summary: r.summary,
  body: r.body,
  keyDomain: r.keyDomain,
  basis: r.basis,
});

/**
 * Typical cases (典型案例, policy (二)4: publicise typical cases of dishonesty and integrity):
 * an admin or department operator drafts → submits → another user with `disclosure:review`
 * publishes or returns it. Every edit is a new version with who and why; editing a published case
 * makes a draft again while the public keeps seeing the published version until the next review.
 */
export class TypicalCases {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly accounts: AccountsService,
    private readonly keyDomains: () => readonly string[],
    private readonly rules: DisclosureRules,
  ) {}

  private checkContent(content: CaseContent): CaseContent {
    const trimmed = { ...content, title: content.title.trim(), summary: content.summary.trim(), body: content.body.trim(), basis: content.basis?.trim() || null, keyDomain: content.keyDomain || null };
    if (trimmed.keyDomain !== null && !this.keyDomains().includes(trimmed.keyDomain)) throw new InvalidInput('disclosure.unknown_key_domain', 'content.keyDomain', 'unknown', { keyDomain: trimmed.keyDomain });
    return trimmed;
  }

  private checkReason(reason: string): string {
    const why = reason.trim();
    const minLength = this.rules.cases.minReasonLength;
    if (Array.from(why).length < minLength) throw new InvalidInput('disclosure.reason_required', 'reason', 'too_short', { minLength });
    return why;
  }

  private userId(ctx: RequestContext): string {
    if (!ctx.actor) throw new Forbidden();
    return ctx.actor.userId;
  }

  /** A department user reaches its department's cases; the platform (no department) reaches all. Others answer 404. */
  private async reachable(db: Executor, ctx: RequestContext, id: string): Promise<repo.CaseRow> {
    const row = await repo.findCase(db, id);
    const departmentId = ctx.actor?.departmentId ?? null;
    if (!row || (departmentId !== null && row.departmentId !== departmentId)) throw new NotFound('disclosure.case_not_found');
    return row;
  }

  async create(ctx: RequestContext, input: CaseContent): Promise<CaseDetail> {
    const by = this.userId(ctx);
    const content = this.checkContent(input);
    const now = this.clock.now().toISOString();
    const row: repo.CaseRow = {
      id: newId(),
      status: 'draft',
      ...content,
      departmentId: ctx.actor?.departmentId ?? null,
      version: 1,
      publishedVersion: null,
      publishedOn: null,
      submittedBy: null,
      createdBy: by,
      createdAt: now,
      updatedBy: by,
      updatedAt: now,
    };
    await inTransaction(this.db, async (tx) => {
      await repo.insertCase(tx, row);
      await repo.insertCaseVersion(tx, { id: newId(), caseId: row.id, version: 1, snapshot: JSON.stringify(content), changedBy: by, changedAt: now, reason: '起草' });
      await this.event(tx, row.id, 'create', null, 'draft', 1, by, now, null);
      await this.audit.recordIn(tx, ctx, { action: 'disclosure.case_create', data: { caseId: row.id, title: content.title }, result: 'ok' });
    });
    return this.get(ctx, row.id);
  }

  /** A new version (draft again if it was published); refused while in review or when the case moved on. */
  async update(ctx: RequestContext, id: string, input: { content: CaseContent; reason: string; expectedVersion: number }): Promise<CaseDetail> {
    const by = this.userId(ctx);
    const content = this.checkContent(input.content);
    const reason = this.checkReason(input.reason);
    const now = this.clock.now().toISOString();
    await inTransaction(this.db, async (tx) => {
      const row = await this.reachable(tx, ctx, id);
      if (row.version !== input.expectedVersion) throw new Conflict('disclosure.case_changed', { version: row.version });
      if (row.status === 'in_review') throw new Conflict('disclosure.case_state', { status: row.status });
      if (JSON.stringify(contentOf(row)) === JSON.stringify(content)) return;
      const version = row.version + 1;
      if (!(await repo.updateCase(tx, id, row, { ...content, status: 'draft', version, updatedBy: by, updatedAt: now }))) throw new Conflict('disclosure.case_changed', { version: row.version });
      await repo.insertCaseVersion(tx, { id: newId(), caseId: id, version, snapshot: JSON.stringify(content), changedBy: by, changedAt: now, reason });
      await this.event(tx, id, 'update', row.status, 'draft', version, by, now, reason);
      await this.audit.recordIn(tx, ctx, { action: 'disclosure.case_update', data: { caseId: id, version, reason }, result: 'ok' });
    });
    return this.get(ctx, id);
  }

  async submit(ctx: RequestContext, id: string, expectedVersion: number): Promise<CaseDetail> {
    const by = this.userId(ctx);
    const now = this.clock.now().toISOString();
    await inTransaction(this.db, async (tx) => {
      const row = await this.reachable(tx, ctx, id);
      if (row.version !== expectedVersion) throw new Conflict('disclosure.case_changed', { version: row.version });
      if (row.status !== 'draft') throw new Conflict('disclosure.case_state', { status: row.status });
      if (!(await repo.updateCase(tx, id, row, { status: 'in_review', submittedBy: by, updatedAt: now }))) throw new Conflict('disclosure.case_changed', { version: row.version });
      await this.event(tx, id, 'submit', 'draft', 'in_review', row.version, by, now, null);
      await this.audit.recordIn(tx, ctx, { action: 'disclosure.case_submit', data: { caseId: id, version: row.version }, result: 'ok' });
    });
    return this.get(ctx, id);
  }

  /** Publish or return; the reviewer is never the user who submitted or last edited it (separation of duties). */
  async review(ctx: RequestContext, id: string, input: { outcome: 'publish' | 'return'; note: string; expectedVersion: number }): Promise<CaseDetail> {
    const by = this.userId(ctx);
    const now = this.clock.now();
    await inTransaction(this.db, async (tx) => {
      const row = await this.reachable(tx, ctx, id);
      if (row.version !== input.expectedVersion) throw new Conflict('disclosure.case_changed', { version: row.version });
      if (row.status !== 'in_review') throw new Conflict('disclosure.case_state', { status: row.status });
      if (row.submittedBy === by || row.updatedBy === by) throw new Forbidden('disclosure.own_case_review');
      const to: CaseStatus = input.outcome === 'publish' ? 'published' : 'draft';
      const changes: Partial<repo.CaseRow> =
        to === 'published' ? { status: to, publishedVersion: row.version, publishedOn: shanghaiDate(now), updatedAt: now.toISOString() } : { status: to, updatedAt: now.toISOString() };
      if (!(await repo.updateCase(tx, id, row, changes))) throw new Conflict('disclosure.case_changed', { version: row.version });
      await this.event(tx, id, input.outcome, 'in_review', to, row.version, by, now.toISOString(), input.note.trim());
      await this.audit.recordIn(tx, ctx, { action: `disclosure.case_${input.outcome}`, data: { caseId: id, version: row.version }, result: 'ok' });
    });
    return this.get(ctx, id);
  }

  private async event(tx: Executor, caseId: string, action: string, fromStatus: string | null, toStatus: string, version: number, by: string, at: string, note: string | null): Promise<void> {
    await repo.insertCaseEvent(tx, { id: newId(), caseId, action, fromStatus, toStatus, version, actorUserId: by, at, note });
  }

  async list(ctx: RequestContext, query: { status?: string; limit?: number; offset?: number }): Promise<{ items: TypicalCase[]; total: number }> {
    const departmentId = ctx.actor?.departmentId ?? null;
    const { rows, total } = await repo.listCases(this.db, { ...(departmentId !== null ? { departmentId } : {}), ...(query.status ? { status: query.status } : {}) }, query.limit ?? 50, query.offset ?? 0);
    const names = await this.departmentNames();
    return { items: rows.map((r) => toCase(r, names)), total };
  }

  async get(ctx: RequestContext, id: string): Promise<CaseDetail> {
    const row = await this.reachable(this.db, ctx, id);
    const [versions, events, names] = await Promise.all([repo.listCaseVersions(this.db, id), repo.listCaseEvents(this.db, id), this.departmentNames()]);
    return {
      case: toCase(row, names),
      versions: versions.map((v) => ({ version: v.version, content: JSON.parse(v.snapshot) as CaseContent, changedBy: v.changedBy, changedAt: v.changedAt, reason: v.reason })),
      events: events.map((e) => ({ action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, version: e.version, actorUserId: e.actorUserId, at: e.at, note: e.note })),
    };
  }

  /** Published cases as the public sees them: each at its published version. */
  async listPublished(limit = 20, offset = 0): Promise<{ items: PublicCase[]; total: number }> {
    const [{ rows, total }, names] = await Promise.all([repo.listPublishedCases(this.db, limit, offset), this.departmentNames()]);
    return { items: rows.map((r) => toPublicCase(r, JSON.parse(r.snapshot) as CaseContent, names)), total };
  }

  async getPublished(id: string): Promise<PublicCase> {
    const row = await repo.findCase(this.db, id);
    const version = row?.publishedVersion == null ? undefined : await repo.findCaseVersion(this.db, id, row.publishedVersion);
    if (!row || !version) throw new NotFound('disclosure.case_not_found');
    return toPublicCase(row, JSON.parse(version.snapshot) as CaseContent, await this.departmentNames());
  }

  private async departmentNames(): Promise<Map<string, string>> {
    return new Map((await this.accounts.listDepartments()).map((d) => [d.id, d.name]));
  }
}

const departmentName = (id: string | null, names: Map<string, string>) => (id === null ? PLATFORM_NAME : (names.get(id) ?? ''));

function toCase(r: repo.CaseRow, names: Map<string, string>): TypicalCase {
  return {
    id: r.id,
    status: r.status as CaseStatus,
    ...contentOf(r),
    departmentId: r.departmentId,
    departmentName: departmentName(r.departmentId, names),
    version: r.version,
    publishedVersion: r.publishedVersion,
    publishedOn: r.publishedOn,
    updatedAt: r.updatedAt,
  };
}

function toPublicCase(r: repo.CaseRow, content: CaseContent, names: Map<string, string>): PublicCase {
  return { id: r.id, ...content, departmentName: departmentName(r.departmentId, names), publishedOn: r.publishedOn!, version: r.publishedVersion! };
}
