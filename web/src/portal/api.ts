/** Typed calls for the public portal and its workbench pages (types come type-only from the server's schemas). */
import type { ApiClient } from '../api/client.ts';
import type { CaseContent, CaseDetail, PublicCase, PublicResult, SearchReply, Tip, TipBody, TipStatus, TypicalCase } from '../../../src/modules/disclosure/schema.ts';

export type { CaseContent, CaseDetail, PublicCase, PublicResult, SearchReply, Tip, TipBody, TipStatus, TypicalCase } from '../../../src/modules/disclosure/schema.ts';

export interface TipReceipt {
  number: string;
  code: string;
  departmentName: string;
}

const page = (query: { limit?: number; offset?: number; status?: string }) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
};

export function portalApi(api: ApiClient) {
  return {
    search: (q: string) => api.get<SearchReply>(`/api/v1/public/search?q=${encodeURIComponent(q)}`),
    departments: () => api.get<Array<{ id: string; name: string }>>('/api/v1/public/departments'),
    publishedCases: (query: { limit?: number; offset?: number }) => api.get<{ items: PublicCase[]; total: number }>(`/api/v1/public/cases${page(query)}`),
    publishedCase: (id: string) => api.get<PublicCase>(`/api/v1/public/cases/${encodeURIComponent(id)}`),
    submitTip: (body: TipBody) => api.post<TipReceipt>('/api/v1/public/tips', body),
    lookupTip: (number: string, code: string) => api.post<TipStatus>('/api/v1/public/tips/lookup', { number, code }),
  };
}

export function disclosureApi(api: ApiClient) {
  return {
    cases: (query: { limit?: number; offset?: number; status?: string }) => api.get<{ items: TypicalCase[]; total: number }>(`/api/v1/disclosure/cases${page(query)}`),
    getCase: (id: string) => api.get<CaseDetail>(`/api/v1/disclosure/cases/${encodeURIComponent(id)}`),
    createCase: (content: CaseContent) => api.post<CaseDetail>('/api/v1/disclosure/cases', { content }),
    updateCase: (id: string, body: { content: CaseContent; reason: string; expectedVersion: number }) => api.put<CaseDetail>(`/api/v1/disclosure/cases/${encodeURIComponent(id)}`, body),
    submitCase: (id: string, expectedVersion: number) => api.post<CaseDetail>(`/api/v1/disclosure/cases/${encodeURIComponent(id)}/submit`, { expectedVersion }),
    reviewCase: (id: string, body: { outcome: 'publish' | 'return'; note: string; expectedVersion: number }) => api.post<CaseDetail>(`/api/v1/disclosure/cases/${encodeURIComponent(id)}/review`, body),
    tips: (query: { limit?: number; offset?: number; status?: string }) => api.get<{ items: Tip[]; total: number }>(`/api/v1/disclosure/tips${page(query)}`),
    getTip: (id: string) => api.get<Tip>(`/api/v1/disclosure/tips/${encodeURIComponent(id)}`),
    answerTip: (id: string, body: { answer: string; expectedVersion: number }) => api.post<Tip>(`/api/v1/disclosure/tips/${encodeURIComponent(id)}/answer`, body),
    attachmentUrl: (tipId: string, attachmentId: string) => `/api/v1/disclosure/tips/${encodeURIComponent(tipId)}/attachments/${encodeURIComponent(attachmentId)}`,
  };
}

/** A file as base64, for the tip's JSON body (shared with the other evidence forms). */
export { fileToBase64 } from '../components/EvidenceFiles.tsx';
