import { useCallback, useMemo } from 'react';
import { useApi } from '../api/ApiProvider.tsx';
import { hasPermission, useAuth } from '../shell/auth.tsx';
import { useApiData } from '../shell/useApiData.ts';

/**
 * Names users by id for tables of who did what: `displayName (username)` when the signed-in user
 * may list users (`users:read`), otherwise the id itself. `null` (the system, a CLI run) gives null.
 */
export function useUserNames(): (id: string | null | undefined) => string | null {
  const api = useApi();
  const { user } = useAuth();
  const canList = hasPermission(user, 'users:read');
  const users = useApiData(() => (canList ? api.users() : Promise.resolve({ items: [] })));
  const names = useMemo(() => new Map((users.data?.items ?? []).map((u) => [u.id, `${u.displayName} (${u.username})`])), [users.data]);
  return useCallback((id) => (id ? (names.get(id) ?? id) : null), [names]);
}
