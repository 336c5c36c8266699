import { Space, Tag, Typography } from 'antd';
import { useI18n } from '../i18n/index.tsx';
import { Link } from '../shell/router.tsx';
import type { ImportJob } from './api.ts';
import { SOURCE_LABELS, STATUS_COLORS, STATUS_LABELS } from './labels.ts';

/** Pieces of a job shown alike in the job list, the due dashboard and the job report. */

export function JobStatusTag({ status }: { status: ImportJob['status'] }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="job-status">
      {t(STATUS_LABELS[status])}
    </Tag>
  );
}

/** The item's name over its code. */
export function JobItem({ job }: { job: Pick<ImportJob, 'itemName' | 'itemCode'> }) {
  return (
    <Space orientation="vertical" size={0}>
      <span>{job.itemName}</span>
      <Typography.Text type="secondary">{job.itemCode}</Typography.Text>
    </Space>
  );
}

/** The file name (or how it came, for API batches) over the way in; a link to the job's report when `to` is given. */
export function JobFile({ job, to }: { job: Pick<ImportJob, 'fileName' | 'source'>; to?: string }) {
  const { t } = useI18n();
  const name = job.fileName ?? '—';
  return (
    <Space orientation="vertical" size={0}>
      {to ? <Link to={to}>{name}</Link> : <span>{name}</span>}
      <Typography.Text type="secondary">{t(SOURCE_LABELS[job.source])}</Typography.Text>
    </Space>
  );
}
