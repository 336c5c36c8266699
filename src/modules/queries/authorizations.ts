import type { Clock } from '../../shared/clock.ts';
import { shanghaiDate } from '../../shared/clock.ts';
import type { RequestContext } from '../../shared/context.ts';
import { Conflict, DomainError, Forbidden, InvalidInput, NotFound } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { inTransaction, type Db } from '../../db/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { AccountsService } from '../accounts/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { Authorization, AuthorizationState, BlacklistBody, BlacklistEntry, GrantBody, QueryBody } from './query-schema.ts';
import * as repo from './repo.ts';
import { queryRules, type QueryRules } from './rules.ts';
import type { ReportScope } from './schema.ts';
import type { RenderedReport, ReportsService } from './service.ts';

export interface AuthorizationDeps {
  reports: ReportsService;
  identity: IdentityService;
  catalog: CatalogService;
  accounts: AccountsService;
}

/** A date the person or the admin typed: a real calendar day. */
function checkDate(value: string, field: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) throw new InvalidInput('queries.invalid_date', field, 'not_a_date', { value });
  return value;
}

/** Days from `from` to `until`, both included. */
const daysIncluded = (from: string, until: string) => (Date.parse(`${until}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;

function stateOf(row: repo.AuthorizationRow, today: string): AuthorizationState {
  if (row.status === 'revoked') return 'revoked';
  if (today < row.validFrom) return 'not_yet_valid';
  if (today > row.validUntil) return 'expired';
  if (row.uses >= row.maxUses) return 'used_up';
  return 'active';
}

function toAuthorization(row: repo.AuthorizationRow, today: string): Authorization {
  return {
    id: row.id,
    organizationCode: row.organizationCode,
    organizationName: row.organizationName,
    purpose: row.purpose,
    scope: JSON.parse(row.scope) as ReportScope,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    maxUses: row.maxUses,
    uses: row.uses,
    lastUsedAt: row.lastUsedAt,
    state: stateOf(row, today),
    grantedAt: row.grantedAt,
    revokedAt: row.revokedAt,
    revokeReason: row.revokeReason,
  };
}

function toBlacklistEntry(row: repo.BlacklistRow, today: string): BlacklistEntry {
  return {
    id: row.id,
    organizationCode: row.organizationCode,
    organizationName: row.organizationName,
    basis: row.basis,
    from: row.fromDate,
    until: row.untilDate,
    inForce: row.liftedAt === null && row.fromDate <= today && (row.untilDate === null || row.untilDate >= today),
    createdAt: row.createdAt,
    liftedAt: row.liftedAt,
    liftReason: row.liftReason,
  };
}

/**
 * Authorizations and the queries that rest on them (issue 6; 征信业管理条例 Art. 18, 20, 22;
 * 《河南省社会信用条例》Art. 18, 22). A person grants a named organization queries for one purpose,
 * within a scope, a validity and a number of uses, and may revoke at any time. An organization's
 * API client queries under such an authorization; each use is counted atomically with the report
 * it answers and logged on the person with the authorization. A blacklisted credit agency (policy
 * (四)8) is refused. A government department queries under a legal basis and gets only what the
 * catalog shares with government.
 */
export class AuthorizationsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly deps: AuthorizationDeps,
    private readonly rules: QueryRules = queryRules,
  ) {}

  private today(): string {
    return shanghaiDate(this.clock.now());
  }

  private ownPersonId(ctx: RequestContext): string {
    const id = ctx.actor?.personId;
    if (!id) throw new NotFound('authorizations.no_own_person');
    return id;
  }

  /** The citizen grants an organization queries about themself. */
  async grant(ctx: RequestContext, body: GrantBody): Promise<Authorization> {
    const personId = this.ownPersonId(ctx);
    const organizationCode = this.deps.identity.checkOrgCode(body.organizationCode, 'organizationCode');
    const today = this.today();
    const validFrom = checkDate(body.validFrom ?? today, 'validFrom');
    const validUntil = checkDate(body.validUntil, 'validUntil');
    if (validFrom < today) throw new InvalidInput('authorizations.starts_in_past', 'validFrom', 'past', { today });
    if (validUntil < validFrom) throw new InvalidInput('authorizations.ends_before_start', 'validUntil', 'before_start');
    if (daysIncluded(validFrom, validUntil) > this.rules.maxValidityDays) throw new InvalidInput('authorizations.too_long', 'validUntil', 'too_long', { max: this.rules.maxValidityDays });
    if (body.maxUses > this.rules.maxUses) throw new InvalidInput('authorizations.too_many_uses', 'maxUses', 'too_many', { max: this.rules.maxUses });
    const scope: ReportScope = {};
    if (body.scope?.categories?.length) scope.categories = [...new Set(body.scope.categories)];
    if (body.scope?.itemCodes?.length) {
      const known = new Set((await this.deps.catalog.list()).map((i) => i.code));
      const codes = [...new Set(body.scope.itemCodes.map((c) => c.trim().toUpperCase()))];
      const unknown = codes.find((c) => !known.has(c));
      if (unknown !== undefined) throw new InvalidInput('authorizations.unknown_item', 'scope.itemCodes', 'unknown', { item: unknown });
      scope.itemCodes = codes;
    }
    const blacklisted = await repo.findBlacklistInForce(this.db, organizationCode, today);
    if (blacklisted) throw new Conflict('authorizations.agency_blacklisted', { organizationCode, basis: blacklisted.basis });
    const row: repo.AuthorizationRow = {
      id: newId(),
      personId,
      organizationCode,
      organizationName: body.organizationName.trim(),
      purpose: body.purpose.trim(),
      scope: JSON.stringify(scope),
      validFrom,
      validUntil,
      maxUses: body.maxUses,
      uses: 0,
      lastUsedAt: null,
      status: 'active',
      grantedAt: this.clock.now().toISOString(),
      grantedBy: ctx.actor!.userId,
      revokedAt: null,
      revokedBy: null,
      revokeReason: null,
    };
    await inTransaction(this.db, async (tx) => {
      await repo.insertAuthorization(tx, row);
      await this.audit.recordIn(tx, ctx, {
        action: 'authorizations.grant',
        subject: { kind: 'person', id: personId },
        data: { authorizationId: row.id, organizationCode, organizationName: row.organizationName, purpose: row.purpose, scope, validFrom, validUntil, maxUses: row.maxUses },
        result: 'ok',
      });
    });
    return toAuthorization(row, today);
  }

  /** The citizen's own authorizations, newest first (their own data: not a read of anyone else). */
  async listOwn(ctx: RequestContext): Promise<Authorization[]> {
    const personId = this.ownPersonId(ctx);
    const today = this.today();
    return (await repo.listAuthorizationsOf(this.db, personId)).map((r) => toAuthorization(r, today));
  }

  /** Revokes one of the citizen's authorizations: a state change with who, when and why. */
  async revoke(ctx: RequestContext, id: string, reason: string | undefined): Promise<Authorization> {
    const personId = this.ownPersonId(ctx);
    const row = await repo.findAuthorization(this.db, id);
    // Someone else's authorization answers exactly like a missing one.
    if (!row || row.personId !== personId) throw new NotFound('authorizations.not_found');
    if (row.status === 'revoked') throw new Conflict('authorizations.already_revoked', { revokedAt: row.revokedAt });
    const change = { at: this.clock.now().toISOString(), by: ctx.actor!.userId, reason: reason?.trim() || null };
    await inTransaction(this.db, async (tx) => {
      if (!(await repo.revokeAuthorization(tx, id, personId, change))) throw new Conflict('authorizations.already_revoked');
      await this.audit.recordIn(tx, ctx, { action: 'authorizations.revoke', subject: { kind: 'person', id: personId }, data: { authorizationId: id, reason: change.reason }, result: 'ok' });
    });
    return toAuthorization({ ...row, status: 'revoked', revokedAt: change.at, revokedBy: change.by, revokeReason: change.reason }, this.today());
  }

  /**
   * A query about a person: an external organization's API client under the person's authorization,
   * or a department user under a legal basis. Answers the scoped, signed report.
   */
  async query(ctx: RequestContext, body: QueryBody): Promise<RenderedReport> {
    const actor = ctx.actor!;
    const organizationCode = await this.deps.accounts.organizationCodeOf(actor.userId);
    if (organizationCode !== null) return this.authorizedQuery(ctx, organizationCode, body);
    if (actor.departmentId !== null) return this.governmentQuery(ctx, body);
    throw new Forbidden('queries.no_organization');
  }

  private async authorizedQuery(ctx: RequestContext, organizationCode: string, body: QueryBody): Promise<RenderedReport> {
    if (body.authorizationId === undefined) throw new InvalidInput('queries.authorization_required', 'authorizationId', 'required');
    const today = this.today();
    const at = this.clock.now().toISOString();
    const denied = async (code: string, personId: string | null, facts: Record<string, unknown> = {}) => {
      await this.audit.record(
        { ...ctx, purpose: body.purpose },
        { action: 'queries.authorized', ...(personId ? { subject: { kind: 'person' as const, id: personId } } : {}), data: { authorizationId: body.authorizationId, organizationCode, reason: code }, result: 'denied' },
      );
      return new DomainError(code, code === 'queries.authorization_not_found' ? 404 : 403, facts);
    };
    // Policy (四)8: a credit agency that broke the rules is kept out, whatever it holds.
    const blacklisted = await repo.findBlacklistInForce(this.db, organizationCode, today);
    if (blacklisted) throw await denied('queries.agency_blacklisted', null, { organizationCode, basis: blacklisted.basis, until: blacklisted.untilDate });
    const { code } = this.deps.identity.checkCitizenCode(body.subjectCode, 'subjectCode');
    const personId = await this.deps.identity.resolvePersonId(code);
    const row = await repo.findAuthorization(this.db, body.authorizationId);
    // Unknown, another person's or another organization's: all answer alike (nothing to learn by probing).
    if (!row || row.organizationCode !== organizationCode || row.personId !== personId) throw await denied('queries.authorization_not_found', row?.personId ?? null);
    const state = stateOf(row, today);
    if (state !== 'active') throw await denied(`queries.authorization_${state}`, row.personId, { validFrom: row.validFrom, validUntil: row.validUntil, maxUses: row.maxUses });
    // 征信业管理条例 Art. 20: used only for the purpose agreed with the person.
    if (body.purpose.trim() !== row.purpose) throw await denied('queries.purpose_mismatch', row.personId, { purpose: row.purpose });
    const authorized = { ...ctx, purpose: row.purpose, legalBasis: `本人授权：授权书 ${row.id}（${row.organizationName}，${row.organizationCode}）` };
    try {
      return await this.deps.reports.issueFile(authorized, row.personId, 'query', {
        type: 'authorized',
        scope: JSON.parse(row.scope) as ReportScope,
        format: body.format ?? 'json',
        query: {
          audit: { authorizationId: row.id, organizationCode, organizationName: row.organizationName },
          commit: async (tx) => {
            // Concurrent queries race here: the guarded update lets exactly the granted number through.
            if (!(await repo.takeAuthorizationUse(tx, row.id, today, at))) throw new DomainError('queries.authorization_used_up', 403);
          },
        },
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'queries.authorization_used_up') throw await denied(error.code, row.personId, { maxUses: row.maxUses });
      throw error;
    }
  }

  /** 政务共享 (Henan Art. 18, 22): a department queries under its legal basis, for the items shared with government. */
  private async governmentQuery(ctx: RequestContext, body: QueryBody): Promise<RenderedReport> {
    if (body.authorizationId !== undefined) throw new InvalidInput('queries.authorization_not_for_departments', 'authorizationId', 'not_allowed');
    const legalBasis = body.legalBasis?.trim();
    if (!legalBasis) throw new InvalidInput('queries.legal_basis_required', 'legalBasis', 'required');
    const withBasis = { ...ctx, purpose: body.purpose.trim(), legalBasis };
    const personId = await this.deps.reports.personIdForCode(withBasis, body.subjectCode);
    const levels = this.rules.governmentDisclosureLevels;
    const itemCodes = (await this.deps.catalog.list()).filter((i) => levels.includes(i.disclosureLevel)).map((i) => i.code);
    return this.deps.reports.issueFile(withBasis, personId, 'query', {
      type: 'shared',
      scope: { itemCodes },
      format: body.format ?? 'json',
      query: { audit: { sharingLevels: [...levels] } },
    });
  }

  /** The credit-agency blacklist, newest first. */
  async listBlacklist(): Promise<BlacklistEntry[]> {
    const today = this.today();
    return (await repo.listBlacklist(this.db)).map((r) => toBlacklistEntry(r, today));
  }

  /** The platform admin keeps a credit agency out (policy (四)8) from `from` until `until` or until lifted. */
  async addToBlacklist(ctx: RequestContext, body: BlacklistBody): Promise<BlacklistEntry> {
    const organizationCode = this.deps.identity.checkOrgCode(body.organizationCode, 'organizationCode');
    const from = checkDate(body.from, 'from');
    const until = body.until === undefined ? null : checkDate(body.until, 'until');
    if (until !== null && until < from) throw new InvalidInput('queries.blacklist_ends_before_start', 'until', 'before_start');
    const row: repo.BlacklistRow = {
      id: newId(),
      organizationCode,
      organizationName: body.organizationName.trim(),
      basis: body.basis.trim(),
      fromDate: from,
      untilDate: until,
      createdAt: this.clock.now().toISOString(),
      createdBy: ctx.actor?.userId ?? null,
      liftedAt: null,
      liftedBy: null,
      liftReason: null,
    };
    await inTransaction(this.db, async (tx) => {
      await repo.insertBlacklistEntry(tx, row);
      await this.audit.recordIn(tx, ctx, { action: 'queries.blacklist_add', data: { entryId: row.id, organizationCode, basis: row.basis, from, until }, result: 'ok' });
    });
    return toBlacklistEntry(row, this.today());
  }

  /** Lifts an entry: a state change with who, when and why; the entry stays. */
  async liftBlacklistEntry(ctx: RequestContext, id: string, reason: string): Promise<BlacklistEntry> {
    const row = await repo.findBlacklistEntry(this.db, id);
    if (!row) throw new NotFound('queries.blacklist_entry_not_found');
    if (row.liftedAt !== null) throw new Conflict('queries.blacklist_already_lifted', { liftedAt: row.liftedAt });
    const change = { at: this.clock.now().toISOString(), by: ctx.actor!.userId, reason: reason.trim() };
    await inTransaction(this.db, async (tx) => {
      if (!(await repo.liftBlacklistEntry(tx, id, change))) throw new Conflict('queries.blacklist_already_lifted');
      await this.audit.recordIn(tx, ctx, { action: 'queries.blacklist_lift', data: { entryId: id, organizationCode: row.organizationCode, reason: change.reason }, result: 'ok' });
    });
    return toBlacklistEntry({ ...row, liftedAt: change.at, liftedBy: change.by, liftReason: change.reason }, this.today());
  }
}
