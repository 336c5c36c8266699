/**
 * Typed calls for the records (归集) pages. Types come type-only from the server's schemas, so no
 * server code is bundled. Uploads go through XMLHttpRequest, the one browser API that reports
 * upload progress.
 */
import { useMemo } from 'react';
import { useApi } from '../api/ApiProvider.tsx';
import { ApiError, toProblem, type ApiClient } from '../api/client.ts';
import { queryString } from '../components/queryString.ts';
import { useI18n, type ApiLanguage } from '../i18n/index.tsx';
import type { CatalogItem } from '../../../src/modules/catalog/schema.ts';
import type { DepartmentStats, ImportJob, RecordSummary, RecordVersion, RowError } from '../../../src/modules/records/schema.ts';

export type { CatalogItem } from '../../../src/modules/catalog/schema.ts';
export type { DepartmentStats, ImportJob, JobStatus, RecordSummary, RecordVersion, RowError } from '../../../src/modules/records/schema.ts';

export interface Page<T> {
  items: T[];
  total: number;
}

export interface RecordDetail {
  record: RecordSummary;
  /** Oldest first. */
  versions: RecordVersion[];
  /** The personal records derived from this organization record (its legal representative and responsible persons). */
  linked: RecordSummary[];
}

export interface DueSubmissions {
  /** Not yet answered, due date not passed. */
  waiting: ImportJob[];
  /** Not yet answered, due date passed. */
  overdue: ImportJob[];
}

export type ErrorReportFormat = 'csv' | 'xlsx';

/** The error report as a file: the browser downloads it with the session cookie. */
export function errorReportUrl(jobId: string, format: ErrorReportFormat): string {
  return `/api/v1/records/jobs/${encodeURIComponent(jobId)}/errors${queryString({ format })}`;
}

/** A job still being worked on: the server has not answered it yet. */
export function isJobActive(job: Pick<ImportJob, 'status'>): boolean {
  return job.status === 'queued' || job.status === 'running';
}

/** The items a department may submit: accepting records, and it is a source (or any organ may be, `*`). */
export function submittableItems(items: readonly CatalogItem[], departmentOrgCode: string | null): CatalogItem[] {
  if (departmentOrgCode === null) return [];
  return items.filter((item) => item.acceptsRecords && (item.sourceDepartments.includes('*') || item.sourceDepartments.includes(departmentOrgCode)));
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface Upload {
  /** The queued job (202), or an `ApiError`: 413 too large, 415 not CSV/XLSX, status 0 unreachable. */
  done: Promise<ImportJob>;
  abort(): void;
}

/** Thrown by `Upload.done` when the user cancelled. */
export class UploadCancelled extends Error {
  constructor() {
    super('upload cancelled');
    this.name = 'UploadCancelled';
  }
}

/**
 * Sends the file as the raw body of `POST /api/v1/records/uploads` (the server streams it to disk).
 * Same-origin, so the session cookie goes with it; the language is the one the app asks the API in.
 */
export function uploadRecordsFile(
  file: File,
  options: { itemCode: string | null; language: ApiLanguage; onProgress(progress: UploadProgress): void },
): Upload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<ImportJob>((resolve, reject) => {
    xhr.open('POST', `/api/v1/records/uploads${queryString({ item: options.itemCode, fileName: file.name })}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('Accept-Language', options.language);
    xhr.upload.onprogress = (event) => options.onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    xhr.onload = () => {
      const body = parseJson(xhr);
      if (xhr.status >= 200 && xhr.status < 300 && body !== null) resolve(body as ImportJob);
      else reject(new ApiError(xhr.status, toProblem(body, xhr.status)));
    };
    xhr.onerror = () => reject(new ApiError(0, null));
    xhr.onabort = () => reject(new UploadCancelled());
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

function parseJson(xhr: XMLHttpRequest): unknown {
  if (!(xhr.getResponseHeader('content-type') ?? '').includes('json')) return null;
  try {
    return JSON.parse(xhr.responseText) as unknown;
  } catch {
    return null;
  }
}

export interface RecordFilter {
  item?: string;
  /** A full citizen code or unified social credit code (the server looks it up by blind index). */
  subjectCode?: string;
  limit: number;
  offset: number;
}

export function recordsApi(api: ApiClient) {
  const job = (id: string) => `/api/v1/records/jobs/${encodeURIComponent(id)}`;
  return {
    catalogItems: () => api.get<{ items: CatalogItem[] }>('/api/v1/catalog/items'),
    jobs: (limit: number, offset: number) => api.get<Page<ImportJob>>(`/api/v1/records/jobs${queryString({ limit, offset })}`),
    job: (id: string) => api.get<ImportJob>(job(id)),
    jobErrors: (id: string, limit: number, offset: number) => api.get<Page<RowError>>(`${job(id)}/errors${queryString({ format: 'json', limit, offset })}`),
    records: (filter: RecordFilter) => api.get<Page<RecordSummary>>(`/api/v1/records${queryString({ ...filter })}`),
    record: (id: string) => api.get<RecordDetail>(`/api/v1/records/${encodeURIComponent(id)}`),
    stats: () => api.get<{ departments: DepartmentStats[] }>('/api/v1/records/stats'),
    /** The caller's department (`records:read`). */
    ownDue: () => api.get<DueSubmissions>('/api/v1/records/submissions/due'),
    /** Every department (`records:stats`). */
    allDue: () => api.get<DueSubmissions>('/api/v1/records/stats/due'),
  };
}

export type RecordsApi = ReturnType<typeof recordsApi> & {
  upload(file: File, itemCode: string | null, onProgress: (progress: UploadProgress) => void): Upload;
};

export function useRecordsApi(): RecordsApi {
  const api = useApi();
  const { apiLanguage } = useI18n();
  return useMemo(
    () => ({
      ...recordsApi(api),
      upload: (file: File, itemCode: string | null, onProgress: (progress: UploadProgress) => void) =>
        uploadRecordsFile(file, { itemCode, language: apiLanguage, onProgress }),
    }),
    [api, apiLanguage],
  );
}
