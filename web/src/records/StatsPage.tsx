import { useMemo } from 'react';
import { Alert, Button, Card, Col, Empty, Row, Space, Table, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { describeError } from '../api/ApiProvider.tsx';
import { countColumn, TotalsRow } from '../components/statsTable.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { shortLabel, StackedBarChart, type ChartSeries } from '../components/StackedBarChart.tsx';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { Link } from '../shell/router.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { useRecordsApi, type DepartmentStats } from './api.ts';

const VOLUME: { key: NumericKey; label: MessageKey; color: string }[] = [
  { key: 'accepted', label: 'records.count.accepted', color: '#52c41a' },
  { key: 'versioned', label: 'records.count.versioned', color: '#1d5fbf' },
  { key: 'unchanged', label: 'records.count.unchanged', color: '#bfbfbf' },
  { key: 'rejected', label: 'records.count.rejected', color: '#ff4d4f' },
];
const TIMELINESS: { key: NumericKey; label: MessageKey; color: string }[] = [
  { key: 'onTime', label: 'records.stats.onTime', color: '#52c41a' },
  { key: 'overdue', label: 'records.stats.overdue', color: '#ff4d4f' },
];

type NumericKey = { [K in keyof DepartmentStats]: DepartmentStats[K] extends number ? K : never }[keyof DepartmentStats];
/** The table's count columns, in order. */
const COLUMNS = ['submissions', 'rows', 'accepted', 'rejected', 'unchanged', 'versioned'] as const satisfies readonly NumericKey[];

/**
 * `/admin/records/stats` (records:stats): per department, how much was submitted and what became of
 * it (volume, rejection rate), and whether each submission was checked within the 5 working days of
 * 《河南省社会信用条例》Art. 17 (timeliness).
 */
export function StatsPage() {
  const records = useRecordsApi();
  const { t, formatNumber } = useI18n();
  const stats = useApiData(records.stats);
  const departments = useMemo(() => stats.data?.departments ?? [], [stats.data]);
  const percent = (rate: number) => `${formatNumber(Math.round(rate * 1000) / 10)}%`;

  const chart = (counts: typeof VOLUME) => ({
    categories: departments.map((d) => ({ key: d.departmentId, label: shortLabel(d.departmentName) })),
    series: counts.map<ChartSeries>((c) => ({ key: c.key, label: t(c.label), color: c.color, values: departments.map((d) => d[c.key]) })),
  });

  const sum = (key: NumericKey) => departments.reduce((n, d) => n + d[key], 0);
  const totalRows = sum('rows');

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader
        title={t('records.stats.title')}
        subtitle={t('records.stats.subtitle')}
        extra={
          <Space>
            <Link to="/admin/records/due">{t('records.stats.toDue')}</Link>
            <Button icon={<ReloadOutlined />} onClick={stats.reload}>
              {t('common.refresh')}
            </Button>
          </Space>
        }
      />
      {stats.error !== undefined && <Alert type="error" showIcon title={describeError(stats.error, t)} />}
      {stats.data && departments.length === 0 ? (
        <Empty description={t('records.stats.empty')} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col span={24}>
            <Card title={t('records.stats.volumeChart')} loading={stats.data === undefined}>
              <StackedBarChart testId="stats-volume-chart" label={t('records.stats.volumeChartLabel')} formatNumber={formatNumber} {...chart(VOLUME)} />
            </Card>
          </Col>
          <Col span={24}>
            <Card title={t('records.stats.timelinessChart')} loading={stats.data === undefined}>
              <StackedBarChart testId="stats-timeliness-chart" label={t('records.stats.timelinessChartLabel')} formatNumber={formatNumber} {...chart(TIMELINESS)} />
            </Card>
          </Col>
        </Row>
      )}
      <Table<DepartmentStats>
        data-testid="stats-table"
        rowKey="departmentId"
        size="middle"
        loading={stats.loading && stats.data === undefined}
        dataSource={departments}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('records.job.department'), dataIndex: 'departmentName', render: (name: string) => <span data-testid="stats-department">{name}</span> },
          ...COLUMNS.map((key) => countColumn<DepartmentStats>(key, t(`records.stats.${key}`), formatNumber)),
          {
            title: t('records.stats.rejectionRate'),
            dataIndex: 'rejectionRate',
            align: 'right',
            render: (rate: number) => (
              <Typography.Text type={rate > 0.1 ? 'danger' : undefined} data-testid="stats-rejectionRate" data-value={rate}>
                {percent(rate)}
              </Typography.Text>
            ),
          },
          countColumn<DepartmentStats>('onTime', t('records.stats.onTime'), formatNumber),
          countColumn<DepartmentStats>('overdue', t('records.stats.overdue'), formatNumber, true),
        ]}
        summary={() =>
          departments.length > 1 ? (
            <TotalsRow
              label={t('records.stats.total')}
              cells={[...COLUMNS.map((key) => formatNumber(sum(key))), percent(totalRows === 0 ? 0 : sum('rejected') / totalRows), formatNumber(sum('onTime')), formatNumber(sum('overdue'))]}
            />
          ) : null
        }
      />
    </Space>
  );
}
