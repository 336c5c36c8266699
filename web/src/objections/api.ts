/**
 * Typed calls for the objections (异议) pages. Types come type-only from the server's schemas, so
 * no server code is bundled.
 */
import { useMemo } from 'react';
import { useApi } from '../api/ApiProvider.tsx';
import type { ApiClient } from '../api/client.ts';
import type { DecideBody, DepartmentErrorStats, Objection, OwnFileBody } from '../../../src/modules/objections/schema.ts';

export type { DecideBody, DepartmentErrorStats, FileBody, Objection, ObjectionFile, Outcome, OwnFileBody, ReportLine } from '../../../src/modules/objections/schema.ts';

export function objectionsApi(api: ApiClient) {
  return {
    mine: async () => (await api.get<{ items: Objection[] }>('/api/v1/objections/mine')).items,
    file: (body: OwnFileBody) => api.post<Objection>('/api/v1/objections/mine', body),
    queue: async () => (await api.get<{ items: Objection[] }>('/api/v1/objections')).items,
    decide: (id: string, body: DecideBody) => api.post<Objection>(`/api/v1/objections/${encodeURIComponent(id)}/decision`, body),
    stats: async () => (await api.get<{ departments: DepartmentErrorStats[] }>('/api/v1/objections/stats')).departments,
  };
}

/** Downloads (links; each is a logged read): the applicant's own, and the handling department's. */
export const ownFileUrl = (objectionId: string, fileId: string) => `/api/v1/objections/mine/${encodeURIComponent(objectionId)}/files/${encodeURIComponent(fileId)}`;
export const caseFileUrl = (objectionId: string, fileId: string) => `/api/v1/objections/${encodeURIComponent(objectionId)}/files/${encodeURIComponent(fileId)}`;

/** The objection form's address, prefilled with a line of the citizen's credit report. */
export const objectReportLinePath = (reportNumber: string, line: { itemCode: string; sourceRecordId: string }) =>
  `/account/objections?${new URLSearchParams({ report: reportNumber, itemCode: line.itemCode, sourceRecordId: line.sourceRecordId }).toString()}`;

export function useObjectionsApi() {
  const api = useApi();
  return useMemo(() => objectionsApi(api), [api]);
}
