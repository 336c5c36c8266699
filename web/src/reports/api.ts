/** Typed calls for the report pages (types come type-only from the server's schemas). */
import type { ApiClient } from '../api/client.ts';
import { ApiError, toProblem } from '../api/client.ts';
import type { SignedReport, VerifyReply } from '../../../src/modules/queries/schema.ts';

export type { VerifyReply } from '../../../src/modules/queries/schema.ts';

/** The download of one's own report: the page links to it, the browser saves the file. */
export const ownReportUrl = (format: 'pdf' | 'html' | 'json') => `/api/v1/me/report?format=${format}`;

export function reportsApi(api: ApiClient) {
  return {
    verifyByCode: (number: string, code: string) => api.post<VerifyReply>('/api/v1/public/reports/verify', { number, code }),
    /** Issues the own report as signed JSON (a new, logged report), to show its lines on the page. */
    ownReport: () => api.get<SignedReport>(ownReportUrl('json')),
  };
}

/** Sends a presented report file as the raw body (the JSON client cannot). */
export async function verifyFile(file: File, language: string): Promise<VerifyReply> {
  const response = await fetch('/api/v1/public/reports/verify', {
    method: 'POST',
    headers: { 'Content-Type': file.name.toLowerCase().endsWith('.pdf') ? 'application/pdf' : 'application/octet-stream', Accept: 'application/json', 'Accept-Language': language },
    body: file,
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, toProblem(body, response.status));
  return body as VerifyReply;
}
