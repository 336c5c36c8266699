import { useCallback } from 'react';
import { Alert, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { describeError, useApi } from '../api/ApiProvider.tsx';
import type { OverdueCaseView, OverdueOverview } from '../../../src/modules/overview/schema.ts';
import { useI18n } from '../i18n/index.tsx';
import { hasPermission, useAuth } from '../shell/auth.tsx';
import { Link } from '../shell/router.tsx';
import { useApiData } from '../shell/useApiData.ts';

const LEVEL_COLOR = { 1: 'orange', 2: 'red' } as const;

/** Where a case is handled, by the first page of these the user may open (admin: decisions; department: reviews). */
const QUEUES: Record<OverdueCaseView['kind'], Array<{ path: string; permission: string }>> = {
  objection: [{ path: '/admin/objections', permission: 'objections:handle' }],
  repair: [
    { path: '/admin/repair/reviews', permission: 'repair:review' },
    { path: '/admin/repair/decisions', permission: 'repair:decide' },
  ],
};

/**
 * 逾期督办 on the overview: overdue objections and repair applications, counted per department and
 * level and listed with a link to the queue that handles them. The server scopes a department
 * user to its own department. `data-testid="overdue-card"`; each case's row has `data-row-key=<id>`.
 */
export function OverdueCard({ refreshMs }: { refreshMs?: number }) {
  const api = useApi();
  const { user } = useAuth();
  const { t } = useI18n();
  const fetchOverdue = useCallback(() => api.get<OverdueOverview>('/api/v1/overview/overdue'), [api]);
  const { data, error } = useApiData(fetchOverdue, refreshMs === undefined ? {} : { refreshMs });
  const levelTag = (level: number) => (
    <Tag color={LEVEL_COLOR[level as 1 | 2]} data-testid="overdue-level" data-value={level}>
      {t(level === 2 ? 'overview.overdue.level2' : 'overview.overdue.level1')}
    </Tag>
  );
  const queueOf = (kind: OverdueCaseView['kind']) => QUEUES[kind].find((q) => hasPermission(user, q.permission))?.path;
  const total = (key: 'level1' | 'level2') => (data?.departments ?? []).reduce((n, d) => n + d[key], 0);

  return (
    <Card
      data-testid="overdue-card"
      loading={data === undefined && error === undefined}
      title={t('overview.overdue.title')}
      extra={
        data && (
          <Space size={4}>
            <Tag color="orange" data-testid="overdue-total-level1" data-value={total('level1')}>
              {t('overview.overdue.level1')}：{total('level1')}
            </Tag>
            <Tag color="red" data-testid="overdue-total-level2" data-value={total('level2')}>
              {t('overview.overdue.level2')}：{total('level2')}
            </Tag>
          </Space>
        )
      }
    >
      {error !== undefined && <Alert type="error" showIcon title={describeError(error, t)} />}
      {data && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('overview.overdue.subtitle', { days: data.level2AfterWorkingDays })}</Typography.Text>
          {data.cases.length === 0 ? (
            <Empty description={t('overview.overdue.none')} />
          ) : (
            <>
              <Table
                data-testid="overdue-departments"
                rowKey="departmentId"
                size="small"
                pagination={false}
                dataSource={data.departments}
                columns={[
                  { title: t('overview.overdue.department'), dataIndex: 'departmentName' },
                  { title: t('overview.overdue.level1'), dataIndex: 'level1', align: 'right' },
                  { title: t('overview.overdue.level2'), dataIndex: 'level2', align: 'right', render: (n: number) => <Typography.Text type={n > 0 ? 'danger' : undefined}>{n}</Typography.Text> },
                ]}
              />
              <Table<OverdueCaseView & { departmentName: string }>
                data-testid="overdue-cases"
                rowKey="id"
                size="small"
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                dataSource={data.cases}
                scroll={{ x: 'max-content' }}
                columns={[
                  { title: t('overview.overdue.kind'), dataIndex: 'kind', render: (kind: OverdueCaseView['kind']) => t(`overview.overdue.kind.${kind}`) },
                  { title: t('overview.overdue.department'), dataIndex: 'departmentName' },
                  { title: t('overview.overdue.dueOn'), dataIndex: 'dueOn' },
                  { title: t('overview.overdue.daysOverdue'), dataIndex: 'daysOverdue', align: 'right', render: (days: number) => t('overview.overdue.days', { days }) },
                  { title: t('overview.overdue.level'), dataIndex: 'level', render: levelTag },
                  {
                    title: '',
                    key: 'open',
                    render: (_: unknown, c) => {
                      const path = queueOf(c.kind);
                      return path ? <Link to={path}>{t('overview.overdue.open')}</Link> : null;
                    },
                  },
                ]}
              />
            </>
          )}
        </Space>
      )}
    </Card>
  );
}

/** On the queues, for users with no overview page (department users): their own overdue cases, escalated. */
export function OverdueCardWithoutOverview() {
  const { user } = useAuth();
  return hasPermission(user, 'overview:overdue') && !hasPermission(user, 'overview:read') ? <OverdueCard /> : null;
}
