import { Alert, Button, Card, Col, Row, Space, Statistic, Table } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { describeError } from '../api/ApiProvider.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { StackedBarChart } from '../components/StackedBarChart.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { useSanctionsApi, type StatsRow } from './api.ts';

const shortName = (name: string) => (name.length > 8 ? `${name.slice(0, 7)}…` : name);

/** `/admin/sanctions/dashboard` (sanctions:stats): per memorandum and implementing department. */
export function DashboardPage() {
  const sanctions = useSanctionsApi();
  const { t, formatNumber } = useI18n();
  const dashboard = useApiData(sanctions.dashboard);
  const data = dashboard.data;

  const chart = (rows: StatsRow[]) => ({
    categories: rows.map((r) => ({ key: r.key, label: shortName(r.name) })),
    series: [
      { key: 'hits', label: t('sanctions.dashboard.hits'), color: '#1d5fbf', values: rows.map((r) => r.hits) },
      { key: 'applied', label: t('sanctions.dashboard.applied'), color: '#52c41a', values: rows.map((r) => r.measuresApplied) },
      { key: 'overdue', label: t('sanctions.dashboard.overdue'), color: '#ff4d4f', values: rows.map((r) => r.overdueAcknowledgements) },
    ],
  });
  const table = (rows: StatsRow[]) => (
    <Table<StatsRow>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: t('sanctions.dashboard.name'), dataIndex: 'name' },
        { title: t('sanctions.dashboard.entries'), dataIndex: 'entries' },
        { title: t('sanctions.dashboard.checksWithHits'), dataIndex: 'checks' },
        { title: t('sanctions.dashboard.hits'), dataIndex: 'hits' },
        { title: t('sanctions.dashboard.applied'), dataIndex: 'measuresApplied' },
        { title: t('sanctions.dashboard.feedbackRate'), render: (_, r) => `${formatNumber(Math.round(r.feedbackRate * 1000) / 10)}%` },
        { title: t('sanctions.dashboard.overdue'), dataIndex: 'overdueAcknowledgements' },
      ]}
    />
  );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader title={t('sanctions.dashboard.title')} subtitle={t('sanctions.dashboard.subtitle')} extra={<Button icon={<ReloadOutlined />} onClick={dashboard.reload} />} />
      {dashboard.error !== undefined && <Alert type="error" showIcon title={describeError(dashboard.error, t)} />}
      <Row gutter={16}>
        {(['checks', 'checksWithHits', 'feedback', 'tasks', 'overdueAcknowledgements'] as const).map((key) => (
          <Col key={key} xs={12} md={4}>
            <Card loading={!data}>
              <Statistic title={t(key === 'overdueAcknowledgements' ? 'sanctions.dashboard.overdue' : `sanctions.dashboard.${key}`)} value={data?.totals[key] ?? 0} />
            </Card>
          </Col>
        ))}
      </Row>
      {data && (
        <>
          <Card title={t('sanctions.dashboard.byMemorandum')}>
            <StackedBarChart testId="sanctions-memoranda-chart" label={t('sanctions.dashboard.chartLabel')} formatNumber={formatNumber} {...chart(data.memoranda)} />
            {table(data.memoranda)}
          </Card>
          <Card title={t('sanctions.dashboard.byDepartment')}>
            <StackedBarChart testId="sanctions-departments-chart" label={t('sanctions.dashboard.chartLabel')} formatNumber={formatNumber} {...chart(data.departments)} />
            {table(data.departments)}
          </Card>
        </>
      )}
    </Space>
  );
}
