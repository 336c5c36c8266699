/**
 * Typed calls for the credit repair pages. Types come type-only from the server's schemas, so no
 * server code is bundled.
 */
import { useMemo } from 'react';
import { useApi } from '../api/ApiProvider.tsx';
import type { ApiClient } from '../api/client.ts';
import type { Application, ApplyRequest, EligibilityReply as Eligibility, RepairRequest } from '../../../src/modules/repair/schema.ts';
import type { RecordSummary } from '../../../src/modules/records/schema.ts';

export type { Application, ApplyRequest, EligibilityReply as Eligibility, RepairEvidence, RepairFile, RepairFilePurpose, RepairRequest } from '../../../src/modules/repair/schema.ts';
export type { RecordSummary } from '../../../src/modules/records/schema.ts';

export function repairApi(api: ApiClient) {
  return {
    ownRecords: async () => (await api.get<{ items: RecordSummary[] }>('/api/v1/me/records')).items,
    ownApplications: async () => (await api.get<{ items: Application[] }>('/api/v1/repair/own')).items,
    check: (body: RepairRequest) => api.post<Eligibility>('/api/v1/repair/own/check', body),
    apply: (body: ApplyRequest) => api.post<Application>('/api/v1/repair/own/applications', body),
    reviewQueue: async () => (await api.get<{ items: Application[] }>('/api/v1/repair/reviews')).items,
    decisionQueue: async () => (await api.get<{ items: Application[] }>('/api/v1/repair/applications')).items,
    review: (id: string, body: { outcome: 'confirmed' | 'false_material' | 'conditions_not_met'; note: string; version: number }) =>
      api.post<Application>(`/api/v1/repair/applications/${encodeURIComponent(id)}/review`, body),
    decide: (id: string, body: { outcome: 'grant' | 'refuse'; note: string; version: number }) => api.post<Application>(`/api/v1/repair/applications/${encodeURIComponent(id)}/decision`, body),
    stats: () => api.get<{ byStatus: Record<string, number>; overdue: number }>('/api/v1/repair/stats'),
    grantsByMonth: async () => (await api.get<{ months: Array<{ month: string; granted: number }> }>('/api/v1/repair/stats/grants')).months,
  };
}

/** Evidence downloads (links; each is a logged read): the applicant's own, and the reviewing department's. */
export const ownFileUrl = (applicationId: string, fileId: string) => `/api/v1/repair/own/applications/${encodeURIComponent(applicationId)}/files/${encodeURIComponent(fileId)}`;
export const reviewFileUrl = (applicationId: string, fileId: string) => `/api/v1/repair/reviews/${encodeURIComponent(applicationId)}/files/${encodeURIComponent(fileId)}`;
/** The platform's, deciding. */
export const decisionFileUrl = (applicationId: string, fileId: string) => `/api/v1/repair/applications/${encodeURIComponent(applicationId)}/files/${encodeURIComponent(fileId)}`;

export function useRepairApi() {
  const api = useApi();
  return useMemo(() => repairApi(api), [api]);
}
