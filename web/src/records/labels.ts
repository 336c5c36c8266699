import type { MessageKey } from '../i18n/index.tsx';
import type { ImportJob, JobStatus, RecordSummary } from './api.ts';

export const STATUS_LABELS: Record<JobStatus, MessageKey> = {
  queued: 'records.status.queued',
  running: 'records.status.running',
  done: 'records.status.done',
  failed: 'records.status.failed',
};
export const STATUS_COLORS: Record<JobStatus, string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error' };

export const SOURCE_LABELS: Record<ImportJob['source'], MessageKey> = {
  api: 'records.source.api',
  upload: 'records.source.upload',
  cli: 'records.source.cli',
};

export const SUBJECT_TYPE_LABELS: Record<RecordSummary['subjectType'], MessageKey> = {
  person: 'records.subject.person',
  organization: 'records.subject.organization',
};

/** Severities as the server sends them (`RecordSummary.severity`); anything else is shown as sent. */
export const SEVERITY_LABELS: Record<string, MessageKey> = {
  minor: 'records.severity.minor',
  ordinary: 'records.severity.ordinary',
  serious: 'records.severity.serious',
};
export const SEVERITY_COLORS: Record<string, string> = { minor: 'gold', ordinary: 'orange', serious: 'red' };

/** Why a personal record was derived from an organization's (policy (一)2; 河南省社会信用条例 Art. 35). */
export const LINK_ROLE_LABELS: Record<string, MessageKey> = {
  legal_representative: 'records.linkRole.legal_representative',
  operator: 'records.linkRole.operator',
  principal: 'records.linkRole.principal',
  actual_controller: 'records.linkRole.actual_controller',
  directly_responsible: 'records.linkRole.directly_responsible',
};

/** The 双公示 layouts the server recognises; a catalog item's own layout is `catalog:<code>`. */
const LAYOUT_LABELS: Record<string, MessageKey> = {
  'penalty-2021': 'records.layout.penalty-2021',
  'penalty-2016': 'records.layout.penalty-2016',
  'permit-2021': 'records.layout.permit-2021',
  'permit-2016': 'records.layout.permit-2016',
};

export function layoutLabel(layout: string | null, t: (key: MessageKey, values?: Record<string, string | number>) => string): string {
  if (layout === null) return '—';
  const known = LAYOUT_LABELS[layout];
  if (known) return t(known);
  if (layout.startsWith('catalog:')) return t('records.layout.catalog', { code: layout.slice('catalog:'.length) });
  return layout;
}
