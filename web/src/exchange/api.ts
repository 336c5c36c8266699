/** Typed calls for the upstream exchange page (types only from the server's schemas). */
import { useMemo } from 'react';
import { useApi } from '../api/ApiProvider.tsx';
import type { ApiClient } from '../api/client.ts';
import type { Change } from '../../../src/modules/exchange/schema.ts';

export type { Change } from '../../../src/modules/exchange/schema.ts';

export function exchangeApi(api: ApiClient) {
  return {
    changes: (status: 'pending' | 'acknowledged') => api.get<{ items: Change[]; total: number }>(`/api/v1/exchange/changes?status=${status}&limit=500`),
    acknowledge: (body: { ids: string[]; receipt: string }) => api.post<{ acknowledged: number; alreadyAcknowledged: number }>('/api/v1/exchange/changes/acknowledge', body),
  };
}

export function useExchangeApi() {
  const api = useApi();
  return useMemo(() => exchangeApi(api), [api]);
}
