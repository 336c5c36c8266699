import { useMemo, useState } from 'react';
import { Alert, Button, Drawer, Space, Table } from 'antd';
import { CloudUploadOutlined, ReloadOutlined } from '@ant-design/icons';
import { describeError } from '../api/ApiProvider.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useReloadOnChange } from '../components/useReloadOnChange.ts';
import { useI18n } from '../i18n/index.tsx';
import { hasPermission, useAuth } from '../shell/auth.tsx';
import { useLocation, useNavigate } from '../shell/router.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { useRecordsApi, type ImportJob } from './api.ts';
import { DueDateTag } from './DueDateTag.tsx';
import { JobReport } from './JobReport.tsx';
import { UPLOAD_PATH } from './UploadPage.tsx';
import { JobFile, JobItem, JobStatusTag } from './JobCells.tsx';

export const JOBS_PATH = '/admin/records/jobs';
const PAGE_SIZE = 20;
const REFRESH_MS = 5000;

/** Link to a job's report in the job list (a drawer over the list). */
export function jobPath(jobId: string): string {
  return `${JOBS_PATH}?job=${encodeURIComponent(jobId)}`;
}

/**
 * `/admin/records/jobs` (records:read): the department's submissions, newest first, with their
 * counts and check deadline (overdue in red); `?job=ID` opens the job's report.
 */
export function JobsPage() {
  const records = useRecordsApi();
  const { t, formatInstant, formatNumber } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const openId = new URLSearchParams(useLocation().search).get('job');
  const [page, setPage] = useState(1);
  const jobs = useApiData(() => records.jobs(PAGE_SIZE, (page - 1) * PAGE_SIZE), { refreshMs: REFRESH_MS });
  // The server decides which unanswered jobs are overdue (its clock and working-day calendar).
  const due = useApiData(records.ownDue, { refreshMs: REFRESH_MS });
  useReloadOnChange(jobs.reload, [page]);
  const overdue = useMemo(() => new Set((due.data?.overdue ?? []).map((j) => j.id)), [due.data]);

  const count = (key: 'rowsProcessed' | 'accepted' | 'rejected' | 'unchanged' | 'versioned') => (_: unknown, job: ImportJob) => (
    <span data-testid={`cell-${key}`} data-value={job[key]}>
      {formatNumber(job[key])}
    </span>
  );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader
        title={t('records.jobs.title')}
        subtitle={t('records.jobs.subtitle', { department: user?.department?.name ?? '—' })}
        extra={
          <Space>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => {
                jobs.reload();
                due.reload();
              }}
            >
              {t('common.refresh')}
            </Button>
            {hasPermission(user, 'records:submit') && (
              <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => navigate(UPLOAD_PATH)}>
                {t('records.jobs.upload')}
              </Button>
            )}
          </Space>
        }
      />
      {!user?.department && <Alert type="info" showIcon title={t('records.noDepartmentRead')} />}
      {jobs.error !== undefined && <Alert type="error" showIcon title={describeError(jobs.error, t)} />}
      <Table<ImportJob>
        data-testid="jobs-table"
        rowKey="id"
        size="middle"
        loading={jobs.loading && jobs.data === undefined}
        dataSource={jobs.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        onRow={(job) => (overdue.has(job.id) ? { style: { background: 'rgba(255, 77, 79, 0.06)' } } : {})}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: jobs.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('records.jobs.total', { count: total }),
          onChange: setPage,
        }}
        columns={[
          { title: t('records.job.submittedAt'), dataIndex: 'submittedAt', render: (at: string) => formatInstant(at) },
          { title: t('records.job.item'), key: 'item', render: (_, job) => <JobItem job={job} /> },
          { title: t('records.job.file'), key: 'file', render: (_, job) => <JobFile job={job} /> },
          { title: t('records.job.status'), dataIndex: 'status', render: (status: ImportJob['status']) => <JobStatusTag status={status} /> },
          { title: t('records.job.rowsProcessed'), key: 'rowsProcessed', align: 'right', render: count('rowsProcessed') },
          { title: t('records.count.accepted'), key: 'accepted', align: 'right', render: count('accepted') },
          { title: t('records.count.rejected'), key: 'rejected', align: 'right', render: count('rejected') },
          { title: t('records.count.unchanged'), key: 'unchanged', align: 'right', render: count('unchanged') },
          { title: t('records.count.versioned'), key: 'versioned', align: 'right', render: count('versioned') },
          { title: t('records.job.dueDate'), key: 'due', render: (_, job) => <DueDateTag job={job} overdue={overdue.has(job.id)} /> },
          {
            title: '',
            key: 'open',
            render: (_, job) => (
              <Button size="small" onClick={() => navigate(jobPath(job.id))} data-testid="job-open">
                {job.rejected > 0 ? t('records.jobs.errorReport') : t('records.jobs.details')}
              </Button>
            ),
          },
        ]}
      />
      <Drawer
        open={openId !== null}
        onClose={() => navigate(JOBS_PATH)}
        size="large"
        title={t('records.jobs.drawerTitle')}
        destroyOnHidden
      >
        {openId !== null && <JobReport key={openId} jobId={openId} />}
      </Drawer>
    </Space>
  );
}
