/**
 * Typed calls for the objections (异议) pages. Types come type-only from the server's schemas, so
 * no server code is bundled.
 */
import { useMemo } from 'react';
import { useApi } from '../api/ApiProvider.tsx';
import type { ApiClient } from '../api/client.ts';
import type { DecideBody, FileBody, Objection } from '../../../src/modules/objections/schema.ts';

export type { DecideBody, FileBody, Objection, Outcome } from '../../../src/modules/objections/schema.ts';

export function objectionsApi(api: ApiClient) {
  return {
    mine: async () => (await api.get<{ items: Objection[] }>('/api/v1/objections/mine')).items,
    file: (body: FileBody) => api.post<Objection>('/api/v1/objections/mine', body),
    queue: async () => (await api.get<{ items: Objection[] }>('/api/v1/objections')).items,
    decide: (id: string, body: DecideBody) => api.post<Objection>(`/api/v1/objections/${encodeURIComponent(id)}/decision`, body),
  };
}

export function useObjectionsApi() {
  const api = useApi();
  return useMemo(() => objectionsApi(api), [api]);
}
