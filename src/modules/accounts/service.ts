import type { Clock } from '../../shared/clock.ts';
import type { Actor, RequestContext } from '../../shared/context.ts';
import { Conflict, DomainError, InvalidInput, NotFound, Unauthenticated } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { newToken, tokenDigest } from '../../shared/crypto.ts';
import { inTransaction, type Db } from '../../db/index.ts';
import type { AuditLog } from '../audit/index.ts';
import * as repo from './repo.ts';
import { DEPARTMENT_ROLES, ROLE_PERMISSIONS } from './permissions.ts';
import { generatePassword, hashPassword, passwordWeakness, UNUSABLE_PASSWORD_HASH, verifyPassword } from './passwords.ts';
import type { Department, NewUser, Role, SessionUser, User } from './schema.ts';
import { ROLES } from './schema.ts';
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

export interface AccountPolicy {
  lockoutFailedAttempts: number;
  lockoutMinutes: number;
  sessionIdleMinutes: number;
  passwordMinLength: number;
  passwordMinCharacterClasses: number;
}

const POLICY_KEYS: Record<string, keyof AccountPolicy> = {
  lockout_failed_attempts: 'lockoutFailedAttempts',
  lockout_minutes: 'lockoutMinutes',
  session_idle_minutes: 'sessionIdleMinutes',
  password_min_length: 'passwordMinLength',
  password_min_character_classes: 'passwordMinCharacterClasses',
};

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
  return { id: row.id, name: row.name, orgCode: row.orgCode };
}

function toUser(row: repo.UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role as Role,
    departmentId: row.departmentId,
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
  ) {}

  /** Seeds the departments the policy names and the account policy; idempotent, never overwrites an edit. */
  async seedReferenceData(): Promise<{ departmentsAdded: number }> {
    const now = this.clock.now().toISOString();
    let departmentsAdded = 0;
    await inTransaction(this.db, async (tx) => {
      for (const d of departmentSeed.departments) {
        if (await repo.findDepartmentByOrgCode(tx, d.orgCode)) continue;
        await repo.insertDepartment(tx, { id: newId(), name: d.name, orgCode: d.orgCode, createdAt: now });
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
    if (!needsDepartment && input.departmentId) throw new InvalidInput('user.department_not_allowed', 'departmentId', 'only department roles belong to a department');
    const policy = await this.policy();
    const weakness = passwordWeakness(input.password, { minLength: policy.passwordMinLength, minCharacterClasses: policy.passwordMinCharacterClasses });
    if (weakness) {
      throw new InvalidInput(`user.password_${weakness}`, 'password', weakness, {
        minLength: policy.passwordMinLength,
        minClasses: policy.passwordMinCharacterClasses,
      });
    }
    const passwordHash = await hashPassword(input.password);
    const now = this.clock.now().toISOString();
    const row: repo.UserRow = {
      id: newId(),
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      departmentId: input.departmentId ?? null,
      personId: input.personId ?? null,
      passwordHash,
      status: 'active',
      failedLogins: 0,
      lockedUntil: null,
      passwordChangedAt: now,
      createdAt: now,
      createdBy: ctx.actor?.userId ?? null,
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
        data: { username: row.username, role: row.role, departmentId: row.departmentId },
        result: 'ok',
      });
    });
    return toUser(row);
  }

  async login(username: string, password: string, meta: LoginMeta): Promise<{ user: SessionUser; token: string; idleMinutes: number }> {
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
      // A lock that has run out starts a fresh count.
      const failures = (user.lockedUntil ? 0 : user.failedLogins) + 1;
      const locks = failures >= policy.lockoutFailedAttempts;
      const lockedUntil = locks ? new Date(now.getTime() + policy.lockoutMinutes * 60_000).toISOString() : null;
      await inTransaction(this.db, async (tx) => {
        await repo.recordLoginFailure(tx, user.id, locks ? 0 : failures, lockedUntil);
        await this.audit.recordIn(tx, ctx, {
          action: 'auth.login',
          subject,
          data: { username, reason: user.status === 'active' ? 'wrong_password' : 'disabled', failures, lockedUntil },
          result: 'denied',
        });
      });
      if (lockedUntil) throw new AccountLocked(lockedUntil);
      throw new InvalidCredentials();
    }
    const token = newToken();
    const at = now.toISOString();
    const actor = await this.actorFor(user);
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
      });
      await this.audit.recordIn(tx, { ...ctx, actor }, { action: 'auth.login', subject, data: { username }, result: 'ok' });
    });
    return { user: await this.sessionUser(user), token, idleMinutes: policy.sessionIdleMinutes };
  }

  /** The actor behind a session token, or null when the token is unknown, revoked or idle too long. */
  async authenticate(token: string): Promise<Actor | null> {
    const session = await repo.findSessionByDigest(this.db, tokenDigest(token));
    if (!session || session.revokedAt) return null;
    const now = this.clock.now();
    const policy = await this.policy();
    const idleMs = now.getTime() - new Date(session.lastSeenAt).getTime();
    if (idleMs > policy.sessionIdleMinutes * 60_000) {
      await repo.revokeSession(this.db, session.id, now.toISOString(), 'idle_timeout');
      return null;
    }
    const user = await repo.findUser(this.db, session.userId);
    if (!user || user.status !== 'active') return null;
    if (idleMs > SESSION_TOUCH_MS) await repo.touchSession(this.db, session.id, now.toISOString());
    return this.actorFor(user);
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
    return this.sessionUser(user);
  }

  private async actorFor(user: repo.UserRow): Promise<Actor> {
    return {
      userId: user.id,
      username: user.username,
      role: user.role,
      departmentId: user.departmentId,
      personId: user.personId,
      permissions: new Set(ROLE_PERMISSIONS[user.role as Role] ?? []),
    };
  }

  private async sessionUser(user: repo.UserRow): Promise<SessionUser> {
    const department = user.departmentId ? await repo.findDepartment(this.db, user.departmentId) : undefined;
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role as Role,
      department: department ? toDepartment(department) : null,
      permissions: [...(ROLE_PERMISSIONS[user.role as Role] ?? [])],
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
