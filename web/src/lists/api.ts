/** Typed calls for the lists pages (types come type-only from the server's schemas). */
import type { ApiClient } from '../api/client.ts';
import { queryString } from '../components/queryString.ts';
import type { Candidates, DecisionBody, EntryDetail, ListEntry, ListOptions, ProposeBody, RemovalBody, StatementBody } from '../../../src/modules/lists/schema.ts';
import type { ListKind } from '../../../src/modules/lists/standing.ts';

export type { Candidates, EntryDetail, ListEntry, ListOptions, Notice, ProposeBody } from '../../../src/modules/lists/schema.ts';
export type { ListKind } from '../../../src/modules/lists/standing.ts';

export const LIST_KINDS: readonly ListKind[] = ['serious_dishonesty', 'red', 'watch'];

export function listsApi(api: ApiClient) {
  const entry = (id: string) => `/api/v1/lists/entries/${encodeURIComponent(id)}`;
  const mine = (id: string) => `/api/v1/lists/mine/${encodeURIComponent(id)}`;
  return {
    options: () => api.get<ListOptions>('/api/v1/lists/options'),
    entries: (query: { list?: ListKind; limit: number; offset: number }) => api.get<{ items: ListEntry[]; total: number }>(`/api/v1/lists/entries${queryString(query)}`),
    entry: (id: string) => api.get<EntryDetail>(entry(id)),
    candidates: (list: ListKind, subjectCode: string) => api.get<Candidates>(`/api/v1/lists/candidates${queryString({ list, subjectCode })}`),
    propose: (body: ProposeBody) => api.post<EntryDetail>('/api/v1/lists/entries', body),
    decide: (id: string, body: DecisionBody) => api.post<EntryDetail>(`${entry(id)}/decision`, body),
    remove: (id: string, body: RemovalBody) => api.post<EntryDetail>(`${entry(id)}/removal`, body),
    mine: () => api.get<{ items: ListEntry[]; total: number }>('/api/v1/lists/mine'),
    mineEntry: (id: string) => api.get<EntryDetail>(mine(id)),
    statement: (id: string, body: StatementBody) => api.post<EntryDetail>(`${mine(id)}/statements`, body),
  };
}

/** The date an entry waits for or runs until, for the deadline column. */
export function deadlineOf(entry: ListEntry): string | null {
  if (entry.status === 'notified') return entry.defenceUntil;
  if (entry.status === 'announced') return entry.announcementUntil;
  if (entry.status === 'listed') return entry.endsOn;
  return null;
}
