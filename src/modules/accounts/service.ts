import type { Clock } from '../../shared/clock.ts';
import type { Actor, RequestContext } from '../../shared/context.ts';
import { Conflict, DomainError, InvalidInput, NotFound, Unauthenticated } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { newToken, sm3Hex, tokenDigest, type FieldCipher } from '../../shared/crypto.ts';
import { parseOrgCode } from '../identity/index.ts';
import { inTransaction, type Db } from '../../db/index.ts';
import type { AuditLog } from '../audit/index.ts';
import * as repo from './repo.ts';
import { DEPARTMENT_ROLES, OPTIONAL_DEPARTMENT_ROLES, ROLE_PERMISSIONS, TWO_FACTOR_PENDING_PERMISSIONS } from './permissions.ts';
import { generatePassword, hashPassword, passwordWeakness, UNUSABLE_PASSWORD_HASH, verifyPassword } from './passwords.ts';
import type { Department, NewUser, PasswordChangeBody, Role, SessionUser, TwoFactorSetupReply, TwoFactorState, User } from './schema.ts';
import { ROLES } from './schema.ts';
import { matchTotpStep, newTotpSecret, requiresTwoFactor, totpUri, type TotpSettings } from './two-factor.ts';
import departmentSeed from './seed/departments.json' with { type: 'json' };
import policySeed from './seed/account-policy.json' with { type: 'json' };

export class InvalidCredentials extends DomainError {
  constructor() {
    super('auth.invalid_credentials', 401);
  }
}

export class AccountLocked extends DomainError {
  constructor(lockedUntil: string) {
    super('auth.locked', 423, { lockedUntil });
  }
}

/** The password was right and the user has two-factor authentication: ask for the code. */
export class OtpRequired extends DomainError {
  constructor() {
    super('auth.otp_required', 401);
  }
}

/** A wrong, expired or already used TOTP code at sign-in; counts as a failed login. */
export class OtpInvalid extends DomainError {
  constructor() {
    super('auth.otp_invalid', 401);
  }
}

export interface AccountPolicy {
  lockoutFailedAttempts: number;
  lockoutMinutes: number;
  sessionIdleMinutes: number;
  apiClientIdleMinutes: number;
  passwordMinLength: number;
  passwordMinCharacterClasses: number;
  totpTimeStepSeconds: number;
  totpDriftSteps: number;
}

const POLICY_KEYS: Record<string, keyof AccountPolicy> = {
  lockout_failed_attempts: 'lockoutFailedAttempts',
  lockout_minutes: 'lockoutMinutes',
  session_idle_minutes: 'sessionIdleMinutes',
  api_client_idle_minutes: 'apiClientIdleMinutes',
  password_min_length: 'passwordMinLength',
  password_min_character_classes: 'passwordMinCharacterClasses',
  totp_time_step_seconds: 'totpTimeStepSeconds',
  totp_drift_steps: 'totpDriftSteps',
};

const totpSettings = (policy: AccountPolicy): TotpSettings => ({ stepSeconds: policy.totpTimeStepSeconds, driftSteps: policy.totpDriftSteps });

/** Re-read the policy table at most this often, so an admin's change applies without a restart. */
const POLICY_CACHE_MS = 10_000;
/** Write a session's last-seen time at most this often; idle timeouts are in minutes. */
const SESSION_TOUCH_MS = 30_000;

export interface LoginMeta {
  clientAddress?: string;
  userAgent?: string;
  requestId?: string;
}

function toDepartment(row: repo.DepartmentRow): Department {
  return { id: row.id, name: row.name, orgCode: row.orgCode, kind: row.kind as Department['kind'] };
}

function toUser(row: repo.UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role as Role,
    departmentId: row.departmentId,
    organizationCode: row.organizationCode,
    status: row.status as User['status'],
    createdAt: row.createdAt,
  };
}

export class AccountsService {
  private policyCache: { policy: AccountPolicy; readAt: number } | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    /** Encrypts TOTP secrets at rest (SM4); they are never stored in clear. */
    private readonly fieldCipher: FieldCipher,
    /**
     * Finds a person by citizen code (the identity module owns persons), so a citizen account can
     * be linked to its person with `personCode`. Throws `InvalidInput` for an invalid code.
     */
    private readonly resolvePersonId?: (citizenCode: string) => Promise<string | null>,
  ) {}

  /** Seeds the departments the policy names and the account policy; idempotent, never overwrites an edit. */
  async seedReferenceData(): Promise<{ departmentsAdded: number }> {
    const now = this.clock.now().toISOString();
    let departmentsAdded = 0;
    await inTransaction(this.db, async (tx) => {
      for (const d of departmentSeed.departments) {
        if (await repo.findDepartmentByOrgCode(tx, d.orgCode)) continue;
        await repo.insertDepartment(tx, { id: newId(), name: d.name, orgCode: d.orgCode, kind: ('kind' in d ? d.kind : undefined) ?? 'government', createdAt: now });
        departmentsAdded += 1;
      }
      for (const p of policySeed.policies) {
        await repo.upsertAccountPolicy(tx, { ...p, seedVersion: policySeed.version, updatedAt: now });
      }
    });
    return { departmentsAdded };
  }

  async policy(): Promise<AccountPolicy> {
    const nowMs = Date.now();
    if (this.policyCache && nowMs - this.policyCache.readAt < POLICY_CACHE_MS) return this.policyCache.policy;
    const rows = await repo.listAccountPolicies(this.db);
    const policy = {} as AccountPolicy;
    for (const row of rows) {
      const field = POLICY_KEYS[row.key];
      if (field) policy[field] = row.value;
    }
    for (const field of Object.values(POLICY_KEYS)) {
      if (policy[field] === undefined) throw new Error(`account policy "${field}" is not seeded; run migrations and seeding first`);
    }
    this.policyCache = { policy, readAt: nowMs };
    return policy;
  }

  /**
   * Creates the first platform admin (`admin`) when none exists. Without a configured password a
   * random one is generated and returned so the caller can print it once.
   */
  async ensureFirstAdmin(configuredPassword: string | undefined): Promise<{ created: boolean; generatedPassword?: string }> {
    if ((await repo.countUsersWithRole(this.db, 'platform_admin')) > 0) return { created: false };
    const password = configuredPassword ?? generatePassword();
    await this.addUser(
      { actor: null, channel: 'cli', purpose: 'first start: create the platform admin' },
      { username: 'admin', displayName: '平台管理员', role: 'platform_admin', password },
    );
    return configuredPassword ? { created: true } : { created: true, generatedPassword: password };
  }

  async addUser(ctx: RequestContext, input: NewUser & { personId?: string }): Promise<User> {
    if (!ROLES.includes(input.role)) throw new InvalidInput('user.invalid_role', 'role', 'unknown role');
    const needsDepartment = DEPARTMENT_ROLES.includes(input.role);
    if (needsDepartment && !input.departmentId) throw new InvalidInput('user.department_required', 'departmentId', 'required for department roles');
    if (!needsDepartment && !OPTIONAL_DEPARTMENT_ROLES.includes(input.role) && input.departmentId) throw new InvalidInput('user.department_not_allowed', 'departmentId', 'only department roles belong to a department');
    const personId = input.personCode === undefined ? input.personId : await this.personIdForAccount(input.role, input.personCode);
    const organizationCode = input.organizationCode === undefined ? null : this.organizationCodeForAccount(input);
    this.checkPasswordPolicy(input.password, await this.policy(), 'password');
    const passwordHash = await hashPassword(input.password);
    const now = this.clock.now().toISOString();
    const row: repo.UserRow = {
      id: newId(),
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      departmentId: input.departmentId ?? null,
      personId: personId ?? null,
      passwordHash,
      status: 'active',
      failedLogins: 0,
      lockedUntil: null,
      passwordChangedAt: now,
      createdAt: now,
      createdBy: ctx.actor?.userId ?? null,
      organizationCode,
      oidcSubject: null,
    };
    await inTransaction(this.db, async (tx) => {
      if (input.departmentId && !(await repo.findDepartment(tx, input.departmentId))) {
        throw new InvalidInput('user.unknown_department', 'departmentId', 'no such department');
      }
      if (await repo.findUserByUsername(tx, input.username)) throw new Conflict('user.username_taken', { username: input.username });
      await repo.insertUser(tx, row);
      await this.audit.recordIn(tx, ctx, {
        action: 'user.create',
        subject: { kind: 'user', id: row.id },
        data: {
          username: row.username,
          role: row.role,
          departmentId: row.departmentId,
          ...(row.personId ? { personId: row.personId } : {}),
          ...(row.organizationCode ? { organizationCode: row.organizationCode } : {}),
        },
        result: 'ok',
      });
    });
    return toUser(row);
  }

  /**
   * An external organization's API client (bank, employer, credit agency) names the organization
   * by its GB 32100 code; its queries need that organization's authorizations (issue 6). A
   * department's own system acts for the department instead, so it cannot name both.
   */
  private organizationCodeForAccount(input: NewUser): string {
    if (input.role !== 'api_client') throw new InvalidInput('user.organization_not_allowed', 'organizationCode', 'only API clients act for an external organization');
    if (input.departmentId) throw new InvalidInput('user.organization_with_department', 'organizationCode', 'a department system acts for its department');
    const check = parseOrgCode(input.organizationCode!);
    if (!check.ok) throw new InvalidInput(`identity.org_code_${check.reason}`, 'organizationCode', check.reason, { detail: check.detail });
    return check.facts.code;
  }

  /** The external organization an API client acts for (GB 32100 code), or null. */
  async organizationCodeOf(userId: string): Promise<string | null> {
    return (await repo.findUser(this.db, userId))?.organizationCode ?? null;
  }

  /**
   * Real-name login (issue 6): the citizen account of the identity provider's subject, created on
   * the first login and linked to the verified person. It has no usable password: it is reached
   * only through the identity provider. A subject already linked to another person is refused.
   */
  async ensureCitizenAccount(ctx: RequestContext, input: { personId: string; subject: string; displayName: string }): Promise<User> {
    const existing = await repo.findUserByOidcSubject(this.db, input.subject);
    if (existing) {
      if (existing.personId !== input.personId) throw new Conflict('auth.oidc_person_mismatch');
      if (existing.status !== 'active') throw new InvalidCredentials();
      return toUser(existing);
    }
    const now = this.clock.now().toISOString();
    const row: repo.UserRow = {
      id: newId(),
      // Stable and free of personal data: derived from the provider's subject, not the citizen code.
      username: `citizen-${sm3Hex(input.subject).slice(0, 24)}`,
      displayName: input.displayName.slice(0, 64),
      role: 'citizen',
      departmentId: null,
      personId: input.personId,
      passwordHash: UNUSABLE_PASSWORD_HASH,
      status: 'active',
      failedLogins: 0,
      lockedUntil: null,
      passwordChangedAt: now,
      createdAt: now,
      createdBy: null,
      organizationCode: null,
      oidcSubject: input.subject,
    };
    await inTransaction(this.db, async (tx) => {
      await repo.insertUser(tx, row);
      await this.audit.recordIn(tx, ctx, { action: 'user.create', subject: { kind: 'user', id: row.id }, data: { username: row.username, role: row.role, personId: row.personId, via: 'oidc' }, result: 'ok' });
    });
    return toUser(row);
  }

  /**
   * Opens a session for a user whose identity was proven elsewhere (the identity provider of
   * real-name login), as `login` does after a right password; logged as `auth.login` with the method.
   */
  async openVerifiedSession(userId: string, method: 'oidc', meta: LoginMeta): Promise<{ user: SessionUser; token: string; idleMinutes: number }> {
    const user = await repo.findUser(this.db, userId);
    if (!user || user.status !== 'active') throw new InvalidCredentials();
    const policy = await this.policy();
    const ctx: RequestContext = { actor: null, channel: 'http', ...(meta.requestId ? { requestId: meta.requestId } : {}) };
    const actor = this.actorFor(user, null);
    const token = await this.insertSession(user, meta, null, { ...ctx, actor }, { username: user.username, method });
    return { user: await this.sessionUser(user, actor.permissions, await repo.findTwoFactor(this.db, user.id)), token, idleMinutes: policy.sessionIdleMinutes };
  }

  /** A new session token for the user, stored as its digest, with the `auth.login` entry. */
  private async insertSession(user: repo.UserRow, meta: LoginMeta, secondFactorAt: string | null, ctx: RequestContext, data: Record<string, unknown>): Promise<string> {
    const token = newToken();
    const at = this.clock.now().toISOString();
    await inTransaction(this.db, async (tx) => {
      await repo.clearLoginFailures(tx, user.id);
      await repo.insertSession(tx, {
        id: newId(),
        tokenDigest: tokenDigest(token),
        userId: user.id,
        createdAt: at,
        lastSeenAt: at,
        revokedAt: null,
        revokedReason: null,
        clientAddress: meta.clientAddress ?? null,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
        secondFactorAt,
      });
      await this.audit.recordIn(tx, ctx, { action: 'auth.login', subject: { kind: 'user', id: user.id }, data, result: 'ok' });
    });
    return token;
  }

  /** The person a new citizen account belongs to, found by citizen code; only citizen accounts have one. */
  private async personIdForAccount(role: Role, personCode: string): Promise<string> {
    if (role !== 'citizen') throw new InvalidInput('user.person_not_allowed', 'personCode', 'only citizen accounts belong to a person');
    if (!this.resolvePersonId) throw new Error('AccountsService was built without a person resolver; pass one to link citizen accounts');
    let personId: string | null;
    try {
      personId = await this.resolvePersonId(personCode.trim());
    } catch (error) {
      // The identity module names its own field (`code`); the caller's field is `personCode`.
      if (error instanceof InvalidInput) {
        const { field: _field, reason: _reason, ...facts } = error.facts;
        throw new InvalidInput(error.code, 'personCode', error.reason, facts);
      }
      throw error;
    }
    if (personId === null) throw new InvalidInput('user.unknown_person', 'personCode', 'no such person');
    return personId;
  }

  /**
   * Signs a user in. With two-factor authentication enabled the password alone is not enough:
   * without `otp` the answer is `OtpRequired`, and a wrong code counts as a failed login. A role
   * that requires a second factor the user has not set up yet gets a restricted session (see
   * `authenticate`).
   */
  async login(
    username: string,
    password: string,
    meta: LoginMeta,
    otp?: string,
  ): Promise<{ user: SessionUser; token: string; idleMinutes: number }> {
    const policy = await this.policy();
    const user = await repo.findUserByUsername(this.db, username);
    const now = this.clock.now();
    const ctx: RequestContext = { actor: null, channel: 'http', ...(meta.requestId ? { requestId: meta.requestId } : {}) };
    if (!user) {
      await verifyPassword(password, UNUSABLE_PASSWORD_HASH);
      await this.audit.record(ctx, { action: 'auth.login', data: { username, reason: 'unknown_user' }, result: 'denied' });
      throw new InvalidCredentials();
    }
    const subject = { kind: 'user' as const, id: user.id };
    if (user.lockedUntil && new Date(user.lockedUntil) > now) {
      await this.audit.record(ctx, { action: 'auth.login', subject, data: { username, reason: 'locked' }, result: 'denied' });
      throw new AccountLocked(user.lockedUntil);
    }
    const ok = user.status === 'active' && (await verifyPassword(password, user.passwordHash));
    if (!ok) {
      const lockedUntil = await this.countFailedLogin(user, ctx, 'auth.login', user.status === 'active' ? 'wrong_password' : 'disabled', now, policy);
      if (lockedUntil) throw new AccountLocked(lockedUntil);
      throw new InvalidCredentials();
    }
    const twoFactor = await repo.findTwoFactor(this.db, user.id);
    let secondFactorAt: string | null = null;
    if (twoFactor?.confirmedAt) {
      if (otp === undefined) throw new OtpRequired();
      const secret = this.fieldCipher.decrypt(twoFactor.secretCipher);
      const step = await matchTotpStep(secret, otp, now, totpSettings(policy), twoFactor.lastUsedStep);
      // A code accepted once is refused after, also when two sign-ins race with the same code.
      if (step === null || !(await repo.useTwoFactorStep(this.db, user.id, step, { secretCipher: twoFactor.secretCipher }))) {
        const lockedUntil = await this.countFailedLogin(user, ctx, 'auth.login', 'wrong_otp', now, policy);
        if (lockedUntil) throw new AccountLocked(lockedUntil);
        throw new OtpInvalid();
      }
      secondFactorAt = now.toISOString();
    }
    const actor = this.actorFor(user, secondFactorAt);
    const token = await this.insertSession(user, meta, secondFactorAt, { ...ctx, actor }, { username, secondFactor: secondFactorAt !== null });
    return { user: await this.sessionUser(user, actor.permissions, twoFactor), token, idleMinutes: user.role === 'api_client' ? policy.apiClientIdleMinutes : policy.sessionIdleMinutes };
  }

  /**
   * Counts a failed authentication toward the lockout (GB/T 22239-2019 8.1.4.1 b)) and audits
   * it; returns the lock's end when this failure locks the account.
   */
  private async countFailedLogin(user: repo.UserRow, ctx: RequestContext, action: string, reason: string, now: Date, policy: AccountPolicy): Promise<string | null> {
    // A lock that has run out starts a fresh count.
    const failures = (user.lockedUntil ? 0 : user.failedLogins) + 1;
    const locks = failures >= policy.lockoutFailedAttempts;
    const lockedUntil = locks ? new Date(now.getTime() + policy.lockoutMinutes * 60_000).toISOString() : null;
    await inTransaction(this.db, async (tx) => {
      await repo.recordLoginFailure(tx, user.id, locks ? 0 : failures, lockedUntil);
      await this.audit.recordIn(tx, ctx, {
        action,
        subject: { kind: 'user', id: user.id },
        data: { username: user.username, reason, failures, lockedUntil },
        result: 'denied',
      });
    });
    return lockedUntil;
  }

  /** The actor behind a session token, or null when the token is unknown, revoked or idle too long. */
  async authenticate(token: string): Promise<Actor | null> {
    const found = await repo.findSessionWithUser(this.db, tokenDigest(token));
    if (!found || found.session.revokedAt) return null;
    const { session, user } = found;
    const now = this.clock.now();
    const policy = await this.policy();
    const idleMs = now.getTime() - new Date(session.lastSeenAt).getTime();
    // A business system's credential is used by a machine, not left open on a desk: its own idle limit.
    const idleMinutes = user.role === 'api_client' ? policy.apiClientIdleMinutes : policy.sessionIdleMinutes;
    if (idleMs > idleMinutes * 60_000) {
      await repo.revokeSession(this.db, session.id, now.toISOString(), 'idle_timeout');
      return null;
    }
    if (!user || user.status !== 'active') return null;
    if (idleMs > SESSION_TOUCH_MS) await repo.touchSession(this.db, session.id, now.toISOString());
    return this.actorFor(user, session.secondFactorAt);
  }

  async logout(token: string, ctx: RequestContext): Promise<void> {
    const session = await repo.findSessionByDigest(this.db, tokenDigest(token));
    if (!session || session.revokedAt) return;
    await inTransaction(this.db, async (tx) => {
      await repo.revokeSession(tx, session.id, this.clock.now().toISOString(), 'logout');
      await this.audit.recordIn(tx, ctx, { action: 'auth.logout', subject: { kind: 'user', id: session.userId }, result: 'ok' });
    });
  }

  async me(actor: Actor | null): Promise<SessionUser> {
    if (!actor) throw new Unauthenticated();
    const user = await repo.findUser(this.db, actor.userId);
    if (!user) throw new Unauthenticated();
    return this.sessionUser(user, actor.permissions, await repo.findTwoFactor(this.db, user.id));
  }

  /**
   * Step 1 of setting up two-factor authentication: a new TOTP secret, returned this once and
   * stored SM4-encrypted. It counts only after `confirmTwoFactor`; calling this again before that
   * replaces it.
   */
  async startTwoFactorSetup(ctx: RequestContext): Promise<TwoFactorSetupReply> {
    const user = await this.actingUser(ctx);
    const policy = await this.policy();
    const secret = newTotpSecret();
    const now = this.clock.now().toISOString();
    await inTransaction(this.db, async (tx) => {
      const started = await repo.putPendingTwoFactor(tx, { userId: user.id, secretCipher: this.fieldCipher.encrypt(secret), confirmedAt: null, createdAt: now, lastUsedStep: null });
      if (!started) throw new Conflict('auth.two_factor_already_enabled');
      await this.audit.recordIn(tx, ctx, { action: 'auth.two_factor_setup', subject: { kind: 'user', id: user.id }, result: 'ok' });
    });
    return { secret, otpauthUri: totpUri(user.username, secret, totpSettings(policy)), period: policy.totpTimeStepSeconds };
  }

  /**
   * Step 2: a code from the authenticator proves the user holds the secret. Two-factor
   * authentication is then on, the current session counts as having passed it (a restricted one
   * gets its full permissions), and the user's other sessions without it are signed out.
   */
  async confirmTwoFactor(ctx: RequestContext, sessionToken: string, code: string): Promise<SessionUser> {
    const user = await this.actingUser(ctx);
    const session = await repo.findSessionByDigest(this.db, tokenDigest(sessionToken));
    if (!session || session.userId !== user.id || session.revokedAt) throw new Unauthenticated();
    const pending = await repo.findTwoFactor(this.db, user.id);
    if (!pending) throw new Conflict('auth.two_factor_not_started');
    if (pending.confirmedAt) throw new Conflict('auth.two_factor_already_enabled');
    const policy = await this.policy();
    const now = this.clock.now();
    const at = now.toISOString();
    const subject = { kind: 'user' as const, id: user.id };
    const step = await matchTotpStep(this.fieldCipher.decrypt(pending.secretCipher), code, now, totpSettings(policy), pending.lastUsedStep);
    const confirmed =
      step !== null &&
      (await inTransaction(this.db, async (tx) => {
        // Guarded by the secret it was checked against: a setup restarted meanwhile wins.
        if (!(await repo.useTwoFactorStep(tx, user.id, step, { secretCipher: pending.secretCipher, confirmAt: at }))) return false;
        await repo.setSecondFactor(tx, session.id, at);
        const signedOut = await repo.revokeOtherSessions(tx, user.id, session.id, at, 'two_factor_enabled', { onlyWithoutSecondFactor: true });
        await this.audit.recordIn(tx, ctx, { action: 'auth.two_factor_enable', subject, data: { otherSessionsRevoked: signedOut }, result: 'ok' });
        return true;
      }));
    if (!confirmed) {
      await this.audit.record(ctx, { action: 'auth.two_factor_enable', subject, data: { reason: 'wrong_code' }, result: 'denied' });
      throw new InvalidInput('auth.two_factor_code_invalid', 'code', 'invalid');
    }
    const twoFactor = await repo.findTwoFactor(this.db, user.id);
    return this.sessionUser(user, this.actorFor(user, at).permissions, twoFactor);
  }

  /**
   * Changes the signed-in user's own password: the current one proves it is them (a wrong one
   * counts toward the lockout, and a lock signs every session out), the new one must meet the
   * policy. Every other session of the user ends; the one that asked stays.
   */
  async changePassword(ctx: RequestContext, sessionToken: string, input: PasswordChangeBody): Promise<{ revokedSessions: number }> {
    const user = await this.actingUser(ctx);
    const session = await repo.findSessionByDigest(this.db, tokenDigest(sessionToken));
    if (!session || session.userId !== user.id || session.revokedAt) throw new Unauthenticated();
    const policy = await this.policy();
    const now = this.clock.now();
    if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
      const lockedUntil = await this.countFailedLogin(user, ctx, 'auth.password_change', 'wrong_password', now, policy);
      if (lockedUntil) {
        await repo.revokeOtherSessions(this.db, user.id, null, now.toISOString(), 'lockout');
        throw new AccountLocked(lockedUntil);
      }
      throw new InvalidInput('auth.current_password_wrong', 'currentPassword', 'wrong');
    }
    if (input.newPassword === input.currentPassword) throw new InvalidInput('user.password_unchanged', 'newPassword', 'unchanged');
    this.checkPasswordPolicy(input.newPassword, policy, 'newPassword');
    const passwordHash = await hashPassword(input.newPassword);
    const at = now.toISOString();
    return inTransaction(this.db, async (tx) => {
      await repo.updatePassword(tx, user.id, passwordHash, at);
      const revokedSessions = await repo.revokeOtherSessions(tx, user.id, session.id, at, 'password_change');
      await this.audit.recordIn(tx, ctx, { action: 'auth.password_change', subject: { kind: 'user', id: user.id }, data: { revokedSessions }, result: 'ok' });
      return { revokedSessions };
    });
  }

  /**
   * Key rotation: re-encrypts up to `limit` TOTP secrets still under an older field key, like
   * `IdentityService.reencryptStaleCodes` does for citizen codes.
   */
  async reencryptStaleTwoFactorSecrets(ctx: RequestContext, limit = 1000): Promise<{ reencrypted: number; remaining: number }> {
    const prefix = `v${this.fieldCipher.keyVersion}:`;
    const stale = await repo.listTwoFactorWithStaleCipher(this.db, prefix, limit);
    let reencrypted = 0;
    if (stale.length > 0) {
      await inTransaction(this.db, async (tx) => {
        for (const row of stale) {
          if (await repo.replaceTwoFactorCipher(tx, row.userId, row.secretCipher, this.fieldCipher.encrypt(this.fieldCipher.decrypt(row.secretCipher)))) reencrypted += 1;
        }
        await this.audit.recordIn(tx, ctx, { action: 'auth.two_factor_reencrypt', data: { keyVersion: this.fieldCipher.keyVersion, rows: reencrypted }, result: 'ok' });
      });
    }
    return { reencrypted, remaining: await repo.countTwoFactorWithStaleCipher(this.db, prefix) };
  }

  private async actingUser(ctx: RequestContext): Promise<repo.UserRow> {
    if (!ctx.actor) throw new Unauthenticated();
    const user = await repo.findUser(this.db, ctx.actor.userId);
    if (!user || user.status !== 'active') throw new Unauthenticated();
    return user;
  }

  private checkPasswordPolicy(password: string, policy: AccountPolicy, field: string): void {
    const weakness = passwordWeakness(password, { minLength: policy.passwordMinLength, minCharacterClasses: policy.passwordMinCharacterClasses });
    if (weakness) {
      throw new InvalidInput(`user.password_${weakness}`, field, weakness, {
        minLength: policy.passwordMinLength,
        minClasses: policy.passwordMinCharacterClasses,
      });
    }
  }

  /**
   * The actor a background job acts as for the user who started it (an upload processed by the
   * worker): the user's role and department as they are now; null when the user is gone or disabled.
   */
  async actorOnBehalfOf(userId: string): Promise<Actor | null> {
    const user = await repo.findUser(this.db, userId);
    if (user === undefined || user.status !== 'active') return null;
    return this.actorFor(user, this.clock.now().toISOString());
  }

  /**
   * The actor of a session. A role that requires a second factor (`TWO_FACTOR_ROLES`), in a
   * session that has not passed one, may only set it up: the password alone does not open it.
   */
  private actorFor(user: repo.UserRow, secondFactorAt: string | null): Actor {
    const pending = requiresTwoFactor(user.role) && secondFactorAt === null;
    return {
      userId: user.id,
      username: user.username,
      role: user.role,
      departmentId: user.departmentId,
      personId: user.personId,
      permissions: new Set(pending ? TWO_FACTOR_PENDING_PERMISSIONS : (ROLE_PERMISSIONS[user.role as Role] ?? [])),
    };
  }

  private async sessionUser(user: repo.UserRow, permissions: Iterable<string>, twoFactor: repo.UserTwoFactorRow | undefined): Promise<SessionUser> {
    const department = user.departmentId ? await repo.findDepartment(this.db, user.departmentId) : undefined;
    const state: TwoFactorState = twoFactor?.confirmedAt ? 'enabled' : requiresTwoFactor(user.role) ? 'setup_required' : 'not_required';
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role as Role,
      department: department ? toDepartment(department) : null,
      permissions: [...permissions],
      twoFactor: state,
      linkedPerson: user.personId !== null,
    };
  }

  async listDepartments(): Promise<Department[]> {
    return (await repo.listDepartments(this.db)).map(toDepartment);
  }

  async findDepartmentByOrgCode(orgCode: string): Promise<Department> {
    const row = await repo.findDepartmentByOrgCode(this.db, orgCode);
    if (!row) throw new NotFound('department.not_found', { orgCode });
    return toDepartment(row);
  }

  /** A user's id by login name, or null. */
  async userIdOf(username: string): Promise<string | null> {
    return (await repo.findUserByUsername(this.db, username))?.id ?? null;
  }

  async listUsers(limit = 100, offset = 0): Promise<User[]> {
    return (await repo.listUsers(this.db, limit, offset)).map(toUser);
  }

  /** Login names of the given users (unknown ids left out), for lists that show who acted. */
  async usernamesOf(ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 500) for (const r of await repo.findUsernames(this.db, ids.slice(i, i + 500))) out.set(r.id, r.username);
    return out;
  }

  countDepartments(): Promise<number> {
    return repo.countRows(this.db, 'departments');
  }

  countUsers(): Promise<number> {
    return repo.countRows(this.db, 'users');
  }
}
