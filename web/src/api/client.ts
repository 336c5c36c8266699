/**
 * The one client the web app uses to talk to the API. Types come from the server's TypeBox
 * schemas (type-only imports, so no server code is bundled); errors arrive as
 * application/problem+json and are thrown as `ApiError`, whose `detail` the server has already
 * written in the language we asked for.
 */
import type { Department, NewUser, PasswordChangeBody, SessionUser, TwoFactorSetupReply, User } from '../../../src/modules/accounts/schema.ts';
import type { OverviewCounts } from '../../../src/modules/overview/schema.ts';
import type { ApiLanguage } from '../i18n/index.tsx';

export type { Department, NewUser, PasswordChangeBody, Role, SessionUser, TwoFactorSetupReply, TwoFactorState, User } from '../../../src/modules/accounts/schema.ts';
export type { OverviewCounts } from '../../../src/modules/overview/schema.ts';

export interface LoginReply {
  user: SessionUser;
  token: string;
  expiresAfterIdleMinutes: number;
}

export interface ProblemFieldError {
  /** The field at fault: a JSON pointer (`/password`) or a plain name (`password`). */
  field: string;
  reason: string;
  message: string;
}

/** RFC 9457 problem details as the API sends them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: ProblemFieldError[];
  /** Everything else the body carried: the error's facts (`minimum`, `problems` …). */
  facts?: Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    /** The problem body, or null when the reply carried none (network failure, proxy error page). */
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? problem?.title ?? (status === 0 ? 'network error' : `HTTP ${status}`));
    this.name = 'ApiError';
  }

  get code(): string | undefined {
    return this.problem?.code;
  }
}

export interface ApiClientOptions {
  /** Read on every request, so a language switch applies to the next call. */
  language(): ApiLanguage;
  fetch?: typeof fetch;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Whether a 401 means "the session ended" (tell listeners) or is an expected answer (login, me). */
  reportsUnauthenticated?: boolean;
}

export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient(options: ApiClientOptions) {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const unauthenticatedListeners = new Set<() => void>();

  async function request<T>(path: string, { method = 'GET', body, reportsUnauthenticated = true }: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = {
      Accept: 'application/json, application/problem+json',
      'Accept-Language': options.language(),
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';

    let response: Response;
    try {
      response = await doFetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, null);
    }

    if (!response.ok) {
      const problem = toProblem(await readJson(response), response.status);
      if (response.status === 401 && reportsUnauthenticated) unauthenticatedListeners.forEach((listener) => listener());
      throw new ApiError(response.status, problem);
    }
    if (response.status === 204) return undefined as T;
    return (await readJson(response)) as T;
  }

  return {
    /** Calls `listener` whenever a request is refused with 401 because the session ended. */
    onUnauthenticated(listener: () => void): () => void {
      unauthenticatedListeners.add(listener);
      return () => unauthenticatedListeners.delete(listener);
    },

    /** The signed-in user, or null when nobody is (401). */
    async me(): Promise<SessionUser | null> {
      try {
        return await request<SessionUser>('/api/v1/me', { reportsUnauthenticated: false });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    /** Signs in; a user with two-factor authentication gets 401 `auth.otp_required` until `otp` is given. */
    login: (username: string, password: string, otp?: string) =>
      request<LoginReply>('/api/v1/auth/login', {
        method: 'POST',
        body: { username, password, ...(otp === undefined ? {} : { otp }) },
        reportsUnauthenticated: false,
      }),
    logout: () => request<void>('/api/v1/auth/logout', { method: 'POST', reportsUnauthenticated: false }),
    /** A new TOTP secret for the authenticator app, shown once. */
    startTwoFactorSetup: () => request<TwoFactorSetupReply>('/api/v1/auth/two-factor/setup', { method: 'POST' }),
    /** Turns two-factor authentication on with a code; answers the user with this session's new permissions. */
    confirmTwoFactor: (code: string) => request<SessionUser>('/api/v1/auth/two-factor/confirm', { method: 'POST', body: { code } }),
    /** Changes the signed-in user's password; the user's other sessions are signed out. */
    changePassword: (body: PasswordChangeBody) => request<{ revokedSessions: number }>('/api/v1/auth/password', { method: 'POST', body }),

    /** Generic calls for feature folders, which keep their typed wrappers in their own `api.ts`. */
    get: <T>(path: string) => request<T>(path),
    post: <T>(path: string, body?: unknown) => request<T>(path, { method: 'POST', body }),
    put: <T>(path: string, body?: unknown) => request<T>(path, { method: 'PUT', body }),
    patch: <T>(path: string, body?: unknown) => request<T>(path, { method: 'PATCH', body }),

    overviewCounts: () => request<OverviewCounts>('/api/v1/overview/counts'),
    departments: () => request<Department[]>('/api/v1/departments'),
    users: () => request<{ items: User[] }>('/api/v1/users'),
    createUser: (user: NewUser) => request<User>('/api/v1/users', { method: 'POST', body: user }),
  };
}

async function readJson(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return null;
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/**
 * Accepts the API's problem+json; tolerates other JSON error shapes by keeping what is usable.
 * Exported for calls made outside `request` (uploads with progress use XMLHttpRequest).
 */
export function toProblem(body: unknown, status: number): Problem | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const errors = Array.isArray(b.errors)
    ? b.errors
        .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
        .map((e) => ({ field: String(e.field ?? ''), reason: String(e.reason ?? ''), message: String(e.message ?? '') }))
    : undefined;
  return {
    type: text(b.type) ?? 'about:blank',
    title: text(b.title) ?? text(b.error) ?? '',
    status: typeof b.status === 'number' ? b.status : status,
    code: text(b.code) ?? '',
    detail: text(b.detail) ?? text(b.message),
    errors,
    facts: b,
  };
}

/** The form field a problem error names: `/password`, `/body/password` and `password` all give `password`. */
export function fieldName(field: string): string {
  const parts = field.split(/[/.]/).filter(Boolean);
  return parts[parts.length - 1] ?? '';
}
