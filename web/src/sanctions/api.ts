/** Typed calls for the joint reward and punishment (联合奖惩) pages; types come type-only from the server's schemas. */
import { useMemo } from 'react';
import { useApi } from '../api/ApiProvider.tsx';
import type { ApiClient } from '../api/client.ts';
import { queryString } from '../components/queryString.ts';
import type { CheckReply, Dashboard, DefinitionVersion, Measure, MeasureInput, Memorandum, MemorandumInput, Scenario, Task, TaskStatus } from '../../../src/modules/sanctions/schema.ts';

export type { CheckReply, Dashboard, DefinitionVersion, Hit, HitTrigger, Measure, MeasureInput, Memorandum, Scenario, StatsRow, Task, TaskStatus } from '../../../src/modules/sanctions/schema.ts';

export function sanctionsApi(api: ApiClient) {
  const task = (id: string) => `/api/v1/sanctions/tasks/${encodeURIComponent(id)}`;
  return {
    scenarios: () => api.get<Scenario[]>('/api/v1/sanctions/scenarios'),
    check: (subject: string, scenario: string) => api.post<CheckReply>('/api/v1/sanctions/check', { subject, scenario }),
    feedback: (decisionId: string, measuresApplied: string[], outcome: string) =>
      api.post<{ feedbackId: string }>('/api/v1/sanctions/feedback', { decisionId, measuresApplied, outcome }),
    memoranda: () => api.get<{ items: Memorandum[] }>('/api/v1/sanctions/memoranda'),
    measures: () => api.get<{ items: Measure[] }>('/api/v1/sanctions/measures'),
    measureVersions: (code: string) => api.get<{ versions: DefinitionVersion[] }>(`/api/v1/sanctions/measures/${encodeURIComponent(code)}/versions`),
    createMemorandum: (memorandum: MemorandumInput, reason: string) => api.post<Memorandum>('/api/v1/sanctions/memoranda', { memorandum, reason }),
    updateMeasure: (code: string, measure: Omit<MeasureInput, 'code'>, reason: string, expectedVersion: number) =>
      api.put<Measure>(`/api/v1/sanctions/measures/${encodeURIComponent(code)}`, { measure, reason, expectedVersion }),
    tasks: (status: TaskStatus | undefined) => api.get<{ items: Task[]; total: number }>(`/api/v1/sanctions/tasks${queryString({ status, limit: 200 })}`),
    acknowledge: (t: Task, note: string) => api.post<Task>(`${task(t.id)}/acknowledge`, { expectedVersion: t.version, note }),
    apply: (t: Task, measureCode: string, outcome: string) => api.post<Task>(`${task(t.id)}/applications`, { expectedVersion: t.version, measureCode, outcome }),
    close: (t: Task, note: string) => api.post<Task>(`${task(t.id)}/feedback`, { expectedVersion: t.version, note }),
    dashboard: () => api.get<Dashboard>('/api/v1/sanctions/dashboard'),
  };
}

export type SanctionsApi = ReturnType<typeof sanctionsApi>;

export function useSanctionsApi(): SanctionsApi {
  const api = useApi();
  return useMemo(() => sanctionsApi(api), [api]);
}
