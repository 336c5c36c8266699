import { Alert, Button, Card, Col, Result, Row, Space, Statistic, Table, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { describeError } from '../api/ApiProvider.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n } from '../i18n/index.tsx';
import { hasPermission, useAuth } from '../shell/auth.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { useRecordsApi, type ImportJob } from './api.ts';
import { Countdown, DueDateTag, useNow } from './DueDateTag.tsx';
import { jobPath } from './JobsPage.tsx';
import { JobFile, JobItem, JobStatusTag } from './JobCells.tsx';

const REFRESH_MS = 30_000;

/** Who may open the due dashboard: the department's own users, and the platform's overseers. */
export function canSeeDue(user: Parameters<typeof hasPermission>[0]): boolean {
  return hasPermission(user, 'records:read') || hasPermission(user, 'records:stats');
}

/**
 * `/admin/records/due` (records:read or records:stats): submissions not yet answered, against the
 * 5-working-day check deadline of 《河南省社会信用条例》Art. 17. Department users see their own
 * department's; holders of records:stats see every department's.
 */
export function DuePage() {
  const { t } = useI18n();
  const { user } = useAuth();
  // The menu item is open to every signed-in user and shown only to these (it needs either of two permissions).
  if (!canSeeDue(user)) return <Result status="403" title={t('common.forbidden')} subTitle={t('common.forbiddenDetail')} />;
  return <DueDashboard />;
}

function DueDashboard() {
  const records = useRecordsApi();
  const { t, formatNumber } = useI18n();
  const { user } = useAuth();
  const allDepartments = hasPermission(user, 'records:stats');
  const due = useApiData(allDepartments ? records.allDue : records.ownDue, { refreshMs: REFRESH_MS });
  const now = useNow(1000);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader
        title={t('records.due.title')}
        subtitle={allDepartments ? t('records.due.subtitleAll') : t('records.due.subtitleOwn', { department: user?.department?.name ?? '—' })}
        extra={
          <Button icon={<ReloadOutlined />} onClick={due.reload}>
            {t('common.refresh')}
          </Button>
        }
      />
      <Alert type="info" showIcon title={t('records.due.rule')} />
      {due.error !== undefined && <Alert type="error" showIcon title={describeError(due.error, t)} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Card>
            <Statistic
              data-testid="due-overdue-count"
              data-value={due.data?.overdue.length}
              title={t('records.due.overdue')}
              value={due.data?.overdue.length}
              loading={due.data === undefined}
              formatter={(v) => formatNumber(Number(v))}
              styles={{ content: { color: '#cf1322' } }}
            />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card>
            <Statistic
              data-testid="due-waiting-count"
              data-value={due.data?.waiting.length}
              title={t('records.due.waiting')}
              value={due.data?.waiting.length}
              loading={due.data === undefined}
              formatter={(v) => formatNumber(Number(v))}
            />
          </Card>
        </Col>
      </Row>
      <DueTable testId="due-overdue" title={t('records.due.overdue')} jobs={due.data?.overdue} overdue now={now} allDepartments={allDepartments} loading={due.loading} />
      <DueTable testId="due-waiting" title={t('records.due.waiting')} jobs={due.data?.waiting} overdue={false} now={now} allDepartments={allDepartments} loading={due.loading} />
    </Space>
  );
}

function DueTable({
  testId,
  title,
  jobs,
  overdue,
  now,
  allDepartments,
  loading,
}: {
  testId: string;
  title: string;
  jobs: ImportJob[] | undefined;
  overdue: boolean;
  now: number;
  allDepartments: boolean;
  loading: boolean;
}) {
  const { t, formatInstant } = useI18n();
  return (
    <Card size="small" title={<Typography.Text type={overdue ? 'danger' : undefined}>{title}</Typography.Text>}>
      <Table<ImportJob>
        data-testid={testId}
        rowKey="id"
        size="small"
        loading={loading && jobs === undefined}
        dataSource={jobs ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: overdue ? t('records.due.noneOverdue') : t('records.due.noneWaiting') }}
        columns={[
          ...(allDepartments ? [{ title: t('records.job.department'), dataIndex: 'departmentName' }] : []),
          { title: t('records.job.item'), key: 'item', render: (_: unknown, job: ImportJob) => <JobItem job={job} /> },
          {
            title: t('records.job.file'),
            key: 'file',
            // Only the department's own users can open the job (its report is theirs).
            render: (_: unknown, job: ImportJob) => <JobFile job={job} to={allDepartments ? undefined : jobPath(job.id)} />,
          },
          { title: t('records.job.submittedAt'), dataIndex: 'submittedAt', render: (at: string) => formatInstant(at) },
          { title: t('records.job.status'), dataIndex: 'status', render: (status: ImportJob['status']) => <JobStatusTag status={status} /> },
          { title: t('records.job.dueDate'), key: 'due', render: (_: unknown, job: ImportJob) => <DueDateTag job={job} overdue={overdue} /> },
          { title: t('records.due.countdown'), key: 'countdown', render: (_: unknown, job: ImportJob) => <Countdown dueDate={job.dueDate} now={now} /> },
        ]}
      />
    </Card>
  );
}
