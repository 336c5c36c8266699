/**
 * Typed calls for the audit pages. Types come type-only from the server's schemas, so no server
 * code is bundled.
 */
import { useMemo } from 'react';
import type { Static } from 'typebox';
import { useApi } from '../api/ApiProvider.tsx';
import type { ApiClient } from '../api/client.ts';
import { queryString } from '../components/queryString.ts';
import type { AccessLogDownloadSchema, LedgerReportSchema, PublicKeySchema, SignedTreeHeadSchema } from '../../../src/modules/audit/schema.ts';
import type { Finding, FindingReview, FindingStatus, ReviewRule, ReviewRun } from '../../../src/modules/audit/review/schema.ts';
import type { RetentionReplySchema } from '../../../src/modules/audit/retention/schema.ts';

export type { Finding, FindingReview, FindingStatus, ReviewRule, ReviewRun } from '../../../src/modules/audit/review/schema.ts';
export type { RetentionSetting } from '../../../src/modules/audit/retention/schema.ts';
export type RuleKey = Finding['rule'];
export type LedgerReport = Static<typeof LedgerReportSchema>;
export type LedgerProblem = LedgerReport['problems'][number];
export type SignedTreeHead = Static<typeof SignedTreeHeadSchema>;
export type PublicKey = Static<typeof PublicKeySchema>;
export type AccessLogDownload = Static<typeof AccessLogDownloadSchema>;
export type AccessLogEntry = AccessLogDownload['entries'][number]['entry'];
export type RetentionReply = Static<typeof RetentionReplySchema>;

/** The rules the review applies, in the order the pages list them. */
export const RULE_KEYS = ['volume_spike', 'off_hours', 'no_purpose', 'many_subjects'] as const satisfies readonly RuleKey[];
export const FINDING_STATUSES = ['open', 'confirmed', 'dismissed'] as const satisfies readonly FindingStatus[];

export interface FindingFilter {
  status?: FindingStatus;
  rule?: RuleKey;
  /** YYYY-MM-DD, Asia/Shanghai. */
  day?: string;
  limit: number;
  offset: number;
}

/** The download of one's own access log: the same URL the page reads, served as an attachment. */
export const OWN_ACCESS_LOG_URL = '/api/v1/me/access-log';

export function auditApi(api: ApiClient) {
  return {
    findings: (f: FindingFilter) => api.get<{ items: Finding[]; total: number }>(`/api/v1/audit/findings${queryString({ ...f })}`),
    markFinding: (id: string, status: 'confirmed' | 'dismissed', note: string) =>
      api.post<Finding>(`/api/v1/audit/findings/${encodeURIComponent(id)}/review`, { status, note }),
    findingReviews: (id: string) => api.get<{ items: FindingReview[] }>(`/api/v1/audit/findings/${encodeURIComponent(id)}/reviews`),
    runReview: (day: string) => api.post<ReviewRun>('/api/v1/audit/review-runs', { day }),
    reviewRuns: () => api.get<{ items: ReviewRun[] }>('/api/v1/audit/review-runs?limit=20'),
    reviewRules: () => api.get<{ items: ReviewRule[] }>('/api/v1/audit/review-rules'),

    verify: () => api.post<LedgerReport>('/api/v1/audit/verify'),
    treeHeads: () => api.get<SignedTreeHead[]>('/api/v1/audit/tree-heads'),
    publicKey: () => api.get<PublicKey>('/api/v1/audit/public-key'),

    retention: () => api.get<RetentionReply>('/api/v1/audit/retention'),
    changeRetention: (days: number, reason: string) => api.put<RetentionReply>('/api/v1/audit/retention', { days, ...(reason.trim() ? { reason: reason.trim() } : {}) }),

    ownAccessLog: () => api.get<AccessLogDownload>(OWN_ACCESS_LOG_URL),
  };
}

/** The audit calls bound to the app's API client. */
export function useAuditApi() {
  const api = useApi();
  return useMemo(() => auditApi(api), [api]);
}
