import { Alert, Button, Card, Col, Empty, Row, Space, Table } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { describeError } from '../api/ApiProvider.tsx';
import { countColumn, TotalsRow } from '../components/statsTable.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { shortLabel, StackedBarChart, type ChartSeries } from '../components/StackedBarChart.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { useObjectionsApi, type DepartmentErrorStats } from './api.ts';

type CountKey = Exclude<keyof DepartmentErrorStats, 'departmentId' | 'departmentName'>;

/** The table's count columns, in order; the ones in red when above zero. */
const COLUMNS: CountKey[] = ['received', 'pending', 'overdue', 'upheld', 'corrected', 'revoked', 'notAccepted', 'errors'];
const ALARMING = new Set<CountKey>(['overdue', 'errors']);
/** Pending and the four outcomes add up to what a department received. */
const OUTCOMES: { key: CountKey; color: string }[] = [
  { key: 'pending', color: '#bfbfbf' },
  { key: 'upheld', color: '#1d5fbf' },
  { key: 'corrected', color: '#fa8c16' },
  { key: 'revoked', color: '#ff4d4f' },
  { key: 'notAccepted', color: '#8c8c8c' },
];

/**
 * `/admin/objections/stats` (objections:stats — platform admin, auditor): per department, the cases
 * received and their outcomes, and the wrong information it recorded — policy (四)9's
 * accountability statistics. The table's cells carry `data-testid="stats-<count>"` and `data-value`.
 */
export function StatsPage() {
  const objections = useObjectionsApi();
  const { t, formatNumber } = useI18n();
  const stats = useApiData(objections.stats);
  const departments = stats.data ?? [];
  const label = (key: CountKey) => t(`objections.stats.${key}`);
  const categories = departments.map((d) => ({ key: d.departmentId, label: shortLabel(d.departmentName) }));
  const series = (counts: { key: CountKey; color: string }[]) =>
    counts.map<ChartSeries>((c) => ({ key: c.key, label: label(c.key), color: c.color, values: departments.map((d) => d[c.key]) }));
  const sum = (key: CountKey) => departments.reduce((n, d) => n + d[key], 0);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader
        title={t('objections.stats.title')}
        subtitle={t('objections.stats.subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={stats.reload}>
            {t('common.refresh')}
          </Button>
        }
      />
      {stats.error !== undefined && <Alert type="error" showIcon title={describeError(stats.error, t)} />}
      {stats.data && departments.length === 0 ? (
        <Empty description={t('objections.stats.empty')} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col span={24}>
            <Card title={t('objections.stats.outcomeChart')} loading={stats.data === undefined}>
              <StackedBarChart testId="objection-outcomes-chart" label={t('objections.stats.outcomeChartLabel')} formatNumber={formatNumber} categories={categories} series={series(OUTCOMES)} />
            </Card>
          </Col>
          <Col span={24}>
            <Card title={t('objections.stats.errorsChart')} loading={stats.data === undefined}>
              <StackedBarChart
                testId="objection-errors-chart"
                label={t('objections.stats.errorsChartLabel')}
                formatNumber={formatNumber}
                categories={categories}
                series={series([{ key: 'errors', color: '#cf1322' }])}
              />
            </Card>
          </Col>
        </Row>
      )}
      <Table<DepartmentErrorStats>
        data-testid="objection-stats-table"
        rowKey="departmentId"
        size="middle"
        loading={stats.loading && stats.data === undefined}
        dataSource={departments}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('objections.stats.department'), dataIndex: 'departmentName', render: (name: string) => <span data-testid="stats-department">{name}</span> },
          ...COLUMNS.map((key) => countColumn<DepartmentErrorStats>(key, label(key), formatNumber, ALARMING.has(key))),
        ]}
        summary={() => (departments.length > 1 ? <TotalsRow label={t('objections.stats.total')} cells={COLUMNS.map((key) => formatNumber(sum(key)))} /> : null)}
      />
    </Space>
  );
}
