/**
 * Typed calls for the citizen centre and the credit-agency blacklist. Types come type-only from
 * the server's schemas, so no server code is bundled.
 */
import { useMemo } from 'react';
import { useApi } from '../api/ApiProvider.tsx';
import type { ApiClient } from '../api/client.ts';
import type { Authorization, BlacklistBody, BlacklistEntry, GrantBody } from '../../../src/modules/queries/query-schema.ts';
import type { RecordSummary } from '../../../src/modules/records/schema.ts';

export type { Authorization, AuthorizationState, BlacklistBody, BlacklistEntry, GrantBody } from '../../../src/modules/queries/query-schema.ts';
export type { RecordSummary } from '../../../src/modules/records/schema.ts';

/** Real-name login starts with a full-page navigation: the server redirects to the identity provider. */
export const OIDC_START_URL = '/api/v1/auth/oidc/start';

export function citizenApi(api: ApiClient) {
  return {
    oidcStatus: () => api.get<{ enabled: boolean }>('/api/v1/auth/oidc/status'),
    ownRecords: async () => (await api.get<{ items: RecordSummary[] }>('/api/v1/me/records')).items,
    authorizations: async () => (await api.get<{ items: Authorization[] }>('/api/v1/me/authorizations')).items,
    grant: (body: GrantBody) => api.post<Authorization>('/api/v1/me/authorizations', body),
    revoke: (id: string, reason?: string) => api.post<Authorization>(`/api/v1/me/authorizations/${encodeURIComponent(id)}/revoke`, reason ? { reason } : {}),
    blacklist: async () => (await api.get<{ items: BlacklistEntry[] }>('/api/v1/queries/blacklist')).items,
    addToBlacklist: (body: BlacklistBody) => api.post<BlacklistEntry>('/api/v1/queries/blacklist', body),
    liftBlacklistEntry: (id: string, reason: string) => api.post<BlacklistEntry>(`/api/v1/queries/blacklist/${encodeURIComponent(id)}/lift`, { reason }),
  };
}

export function useCitizenApi() {
  const api = useApi();
  return useMemo(() => citizenApi(api), [api]);
}
