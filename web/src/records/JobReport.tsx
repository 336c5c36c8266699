import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Flex, Progress, Row, Space, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { describeError } from '../api/ApiProvider.tsx';
import { ApiError } from '../api/client.ts';
import { useReloadOnChange } from '../components/useReloadOnChange.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { errorReportUrl, isJobActive, useRecordsApi, type ImportJob, type RowError } from './api.ts';
import { formatBytes, inLanguage } from './format.ts';
import { JobStatusTag } from './JobCells.tsx';
import { layoutLabel, SOURCE_LABELS } from './labels.ts';
import { DueDateTag } from './DueDateTag.tsx';

/** How often a job still being processed is asked for its progress. */
export const JOB_POLL_MS = 1000;
const ERRORS_PAGE_SIZE = 20;

type CountKey = 'accepted' | 'rejected' | 'unchanged' | 'versioned';
const COUNTS: { key: CountKey; label: MessageKey; help: MessageKey; color: string }[] = [
  { key: 'accepted', label: 'records.count.accepted', help: 'records.count.acceptedHelp', color: '#389e0d' },
  { key: 'rejected', label: 'records.count.rejected', help: 'records.count.rejectedHelp', color: '#cf1322' },
  { key: 'unchanged', label: 'records.count.unchanged', help: 'records.count.unchangedHelp', color: '#8c8c8c' },
  { key: 'versioned', label: 'records.count.versioned', help: 'records.count.versionedHelp', color: '#1d5fbf' },
];

/**
 * The job `jobId`, asked for every second while it is queued or running; stops when it is answered,
 * unmounted, or the server says it does not exist (or no longer lets us see it).
 */
function useLiveJob(jobId: string, initial: ImportJob | undefined): { job: ImportJob | undefined; error: unknown } {
  const records = useRecordsApi();
  const [state, setState] = useState<{ job: ImportJob | undefined; error: unknown }>({ job: initial, error: undefined });
  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    const tick = async () => {
      try {
        const job = await records.job(jobId);
        if (stopped) return;
        setState({ job, error: undefined });
        if (!isJobActive(job)) return;
      } catch (error) {
        if (stopped) return;
        setState((s) => ({ job: s.job, error }));
        if (error instanceof ApiError && [401, 403, 404].includes(error.status)) return;
      }
      timer = window.setTimeout(() => void tick(), JOB_POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [records, jobId]);
  return state;
}

/** Live progress of an import job, then its summary and error report (upload page, job list). */
export function JobReport({ jobId, initial }: { jobId: string; initial?: ImportJob }) {
  const { t, formatInstant, formatNumber } = useI18n();
  const { job, error } = useLiveJob(jobId, initial);

  if (!job) return error !== undefined ? <Alert type="error" showIcon title={describeError(error, t)} /> : <Card loading />;

  const active = isJobActive(job);
  const percent = job.totalBytes ? Math.floor((job.processedBytes / job.totalBytes) * 100) : job.status === 'done' ? 100 : 0;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="job-report" data-job-id={job.id} data-status={job.status}>
      {error !== undefined && <Alert type="warning" showIcon title={describeError(error, t)} />}
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('records.job.item')}>
          {job.itemName} <Typography.Text type="secondary">({job.itemCode})</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('records.job.status')}>
          <JobStatusTag status={job.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('records.job.file')}>{job.fileName ?? t(SOURCE_LABELS[job.source])}</Descriptions.Item>
        <Descriptions.Item label={t('records.job.layout')}>{layoutLabel(job.layout, t)}</Descriptions.Item>
        <Descriptions.Item label={t('records.job.submittedAt')}>{formatInstant(job.submittedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('records.job.dueDate')}>
          <DueDateTag job={job} />
        </Descriptions.Item>
      </Descriptions>

      <div>
        <Progress
          data-testid="job-progress"
          data-percent={percent}
          percent={percent}
          status={job.status === 'failed' ? 'exception' : active ? 'active' : 'success'}
        />
        <Typography.Text type="secondary" data-testid="job-progress-text">
          {job.totalBytes !== null
            ? t('records.job.bytes', { done: formatBytes(job.processedBytes, formatNumber), total: formatBytes(job.totalBytes, formatNumber) })
            : t(SOURCE_LABELS[job.source])}
          {' · '}
          {t('records.job.rows', { rows: formatNumber(job.rowsProcessed) })}
          {job.status === 'queued' && ` · ${t('records.job.queuedHelp')}`}
        </Typography.Text>
      </div>

      <Row gutter={[16, 16]}>
        {COUNTS.map((count) => (
          <Col key={count.key} xs={12} md={6}>
            <Card size="small">
              <Statistic
                data-testid={`job-${count.key}`}
                data-value={job[count.key]}
                title={<span title={t(count.help)}>{t(count.label)}</span>}
                value={job[count.key]}
                formatter={(v) => formatNumber(Number(v))}
                styles={{ content: { color: count.color } }}
              />
            </Card>
          </Col>
        ))}
      </Row>

      {job.status === 'done' && (
        <Alert
          data-testid="job-summary"
          type={job.rejected > 0 ? 'warning' : 'success'}
          showIcon
          title={t('records.job.doneTitle', { time: job.finishedAt ? formatInstant(job.finishedAt) : '' })}
          description={t('records.job.doneSummary', {
            rows: formatNumber(job.rowsProcessed),
            accepted: formatNumber(job.accepted),
            rejected: formatNumber(job.rejected),
            unchanged: formatNumber(job.unchanged),
            versioned: formatNumber(job.versioned),
          })}
        />
      )}
      {job.status === 'failed' && <JobFailure job={job} />}
      {!active && (job.rejected > 0 || job.status === 'failed') && <ErrorReport job={job} />}
    </Space>
  );
}

function JobFailure({ job }: { job: ImportJob }) {
  const { t, locale, formatNumber } = useI18n();
  return (
    <Alert
      data-testid="job-summary"
      type="error"
      showIcon
      title={job.error ? inLanguage(job.error.message, locale) : t('records.job.failedTitle')}
      description={t('records.job.failedSummary', { rows: formatNumber(job.rowsProcessed), accepted: formatNumber(job.accepted) })}
    />
  );
}

/** The rows a finished job refused (row, column, reason in the page's language), with the CSV/XLSX downloads. */
function ErrorReport({ job }: { job: ImportJob }) {
  const records = useRecordsApi();
  const { t, locale, formatNumber } = useI18n();
  const [page, setPage] = useState(1);
  const errors = useApiData(() => records.jobErrors(job.id, ERRORS_PAGE_SIZE, (page - 1) * ERRORS_PAGE_SIZE));
  useReloadOnChange(errors.reload, [job.id, page]);

  return (
    <Card
      size="small"
      title={t('records.errors.title', { count: formatNumber(errors.data?.total ?? job.rejected) })}
      extra={
        <Flex gap="small" wrap>
          <Button size="small" icon={<DownloadOutlined />} href={errorReportUrl(job.id, 'csv')} download data-testid="errors-download-csv">
            {t('records.errors.downloadCsv')}
          </Button>
          <Button size="small" icon={<DownloadOutlined />} href={errorReportUrl(job.id, 'xlsx')} download data-testid="errors-download-xlsx">
            {t('records.errors.downloadXlsx')}
          </Button>
        </Flex>
      }
    >
      {errors.error !== undefined && <Alert type="error" showIcon title={describeError(errors.error, t)} style={{ marginBottom: 12 }} />}
      <Table<RowError>
        data-testid="errors-table"
        size="small"
        rowKey={(e) => `${e.row}:${e.column ?? ''}:${e.code}`}
        loading={errors.loading}
        dataSource={errors.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('records.errors.none') }}
        pagination={{
          current: page,
          pageSize: ERRORS_PAGE_SIZE,
          total: errors.data?.total ?? 0,
          hideOnSinglePage: true,
          showSizeChanger: false,
          onChange: setPage,
        }}
        columns={[
          { title: t('records.errors.row'), dataIndex: 'row', width: 90 },
          { title: t('records.errors.column'), dataIndex: 'column', render: (column: string | null) => column ?? '—' },
          { title: t('records.errors.reason'), key: 'reason', render: (_, e) => inLanguage(e.message, locale) },
          { title: t('records.errors.code'), dataIndex: 'code', render: (code: string) => <Typography.Text type="secondary">{code}</Typography.Text> },
        ]}
      />
    </Card>
  );
}
