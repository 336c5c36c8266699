/**
 * Typed calls for reconsideration and litigation (行政复议、行政诉讼) on a record. Types come
 * type-only from the server's schemas, so no server code is bundled.
 */
import { useMemo } from 'react';
import { useApi } from '../api/ApiProvider.tsx';
import type { ApiClient } from '../api/client.ts';
import type { Challenge, ConcludeBody, RecordChallengeBody } from '../../../src/modules/challenges/schema.ts';

export type { Challenge, ChallengeKind, ChallengeMark, ChallengeOutcome, ConcludeBody, RecordChallengeBody } from '../../../src/modules/challenges/schema.ts';

export function challengesApi(api: ApiClient) {
  const forRecord = (recordId: string) => `/api/v1/records/${encodeURIComponent(recordId)}/challenges`;
  return {
    /** A record's challenges, newest first (`challenges:handle`). */
    forRecord: async (recordId: string) => (await api.get<{ items: Challenge[] }>(forRecord(recordId))).items,
    record: (recordId: string, body: RecordChallengeBody) => api.post<Challenge>(forRecord(recordId), body),
    conclude: (id: string, body: ConcludeBody) => api.post<Challenge>(`/api/v1/challenges/${encodeURIComponent(id)}/conclude`, body),
    /** The challenges on the signed-in citizen's own records (`records:own`). */
    mine: async () => (await api.get<{ items: Challenge[] }>('/api/v1/challenges/mine')).items,
  };
}

export function useChallengesApi() {
  const api = useApi();
  return useMemo(() => challengesApi(api), [api]);
}
