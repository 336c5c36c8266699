import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button, Result, Spin } from 'antd';
import { describeError, useApi } from '../api/ApiProvider.tsx';
import type { SessionUser } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { Navigate, useLocation } from './router.tsx';

type AuthState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'authenticated'; user: SessionUser }
  /** The server could not say who we are (down, unreachable): not the same as logged out. */
  | { status: 'failed'; error: unknown };

interface Auth {
  state: AuthState;
  user: SessionUser | null;
  /** Rejects with `ApiError` code `auth.otp_required` when the user must add a TOTP code. */
  login(username: string, password: string, otp?: string): Promise<SessionUser>;
  logout(): Promise<void>;
  /** Replaces the signed-in user, e.g. with the full permissions a confirmed second factor brings. */
  updateUser(user: SessionUser): void;
  reload(): void;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    api.me().then(
      (user) => current && setState(user ? { status: 'authenticated', user } : { status: 'anonymous' }),
      (error: unknown) => current && setState({ status: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [api, attempt]);

  // A 401 on any later call means the session expired or was revoked.
  useEffect(() => api.onUnauthenticated(() => setState({ status: 'anonymous' })), [api]);

  const login = useCallback(
    async (username: string, password: string, otp?: string) => {
      const reply = await api.login(username, password, otp);
      setState({ status: 'authenticated', user: reply.user });
      return reply.user;
    },
    [api],
  );

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setState({ status: 'anonymous' });
    }
  }, [api]);

  const value = useMemo<Auth>(
    () => ({
      state,
      user: state.status === 'authenticated' ? state.user : null,
      login,
      logout,
      updateUser: (user: SessionUser) => setState({ status: 'authenticated', user }),
      reload: () => {
        setState({ status: 'loading' });
        setAttempt((n) => n + 1);
      },
    }),
    [state, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth must be used inside <AuthProvider>');
  return auth;
}

/** Where a user whose role requires a second factor sets it up; their session can do nothing else first. */
export const TWO_FACTOR_PATH = '/account/two-factor';

/** The page a signed-in user is sent to instead of `path`, when there is one. */
export function detourFor(user: SessionUser, path: string): string | null {
  if (user.twoFactor === 'setup_required' && !path.startsWith(TWO_FACTOR_PATH)) return `${TWO_FACTOR_PATH}?next=${encodeURIComponent(path)}`;
  return null;
}

/** Pseudo-permission of pages for every signed-in user (as on the server: `authenticated`). */
export const AUTHENTICATED = 'authenticated';

export function hasPermission(user: SessionUser | null, permission: string): boolean {
  if (permission === AUTHENTICATED) return user !== null;
  return user?.permissions.includes(permission) ?? false;
}

export function FullPageSpin() {
  const { t } = useI18n();
  return (
    <div style={{ minHeight: '60vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" description={t('common.loading')} />
    </div>
  );
}

/** Renders `children` for a signed-in user (with `permission`, when given); otherwise sends them to log in. */
export function RequireAuth({ permission, children }: { permission?: string; children: ReactNode }) {
  const { state, user, reload } = useAuth();
  const { t } = useI18n();
  const location = useLocation();

  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status === 'failed')
    return (
      <Result
        status="warning"
        title={describeError(state.error, t)}
        extra={
          <Button type="primary" onClick={reload}>
            {t('common.refresh')}
          </Button>
        }
      />
    );
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} />;
  const detour = detourFor(user, location.pathname + location.search);
  if (detour) return <Navigate to={detour} />;
  if (permission && !hasPermission(user, permission))
    return <Result status="403" title={t('common.forbidden')} subTitle={t('common.forbiddenDetail')} />;
  return <>{children}</>;
}
