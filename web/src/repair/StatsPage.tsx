import { Alert, Button, Card, Col, Row, Space, Statistic } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { describeError } from '../api/ApiProvider.tsx';
import { CountsChart } from '../admin/CountsChart.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { StackedBarChart } from '../components/StackedBarChart.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { useRepairApi, type Application } from './api.ts';

const STATUSES: { status: Application['status']; color: string }[] = [
  { status: 'accepted', color: '#1d5fbf' },
  { status: 'reviewed', color: '#faad14' },
  { status: 'granted', color: '#52c41a' },
  { status: 'refused', color: '#ff4d4f' },
];

/**
 * `/admin/repair/stats` (repair:stats — platform admin, auditor): applications by status, the open
 * ones past their deadline, and repairs granted per month over the last 12 months. Each number
 * carries `data-testid="repair-stats-<status|overdue>"` and its raw value in `data-value`.
 */
export function StatsPage() {
  const repair = useRepairApi();
  const { t, formatNumber } = useI18n();
  const stats = useApiData(repair.stats);
  const grants = useApiData(repair.grantsByMonth);
  const count = (status: Application['status']) => stats.data?.byStatus[status] ?? 0;
  const error = stats.error ?? grants.error;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader
        title={t('repair.stats.title')}
        subtitle={t('repair.stats.subtitle')}
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              stats.reload();
              grants.reload();
            }}
          >
            {t('common.refresh')}
          </Button>
        }
      />
      {error !== undefined && <Alert type="error" showIcon title={describeError(error, t)} />}
      <Row gutter={[16, 16]}>
        {STATUSES.map(({ status, color }) => (
          <Col key={status} xs={12} md={8} xl={4}>
            <Card>
              <Statistic
                data-testid={`repair-stats-${status}`}
                data-value={stats.data ? count(status) : undefined}
                title={t(`repair.status.${status}`)}
                value={count(status)}
                loading={stats.data === undefined}
                valueStyle={{ color }}
              />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={8} xl={4}>
          <Card>
            <Statistic
              data-testid="repair-stats-overdue"
              data-value={stats.data?.overdue}
              title={t('repair.stats.overdue')}
              value={stats.data?.overdue ?? 0}
              loading={stats.data === undefined}
              valueStyle={{ color: (stats.data?.overdue ?? 0) > 0 ? '#cf1322' : undefined }}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Card title={t('repair.stats.byStatusChart')} loading={stats.data === undefined}>
            <CountsChart
              label={t('repair.stats.byStatusChartLabel')}
              formatNumber={formatNumber}
              bars={STATUSES.map(({ status, color }) => ({ key: status, label: t(`repair.status.${status}`), value: count(status), color }))}
            />
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t('repair.stats.grantsChart')} loading={grants.data === undefined}>
            <StackedBarChart
              testId="repair-grants-chart"
              label={t('repair.stats.grantsChartLabel')}
              formatNumber={formatNumber}
              categories={(grants.data ?? []).map((m) => ({ key: m.month, label: m.month.slice(2) }))}
              series={[{ key: 'granted', label: t('repair.status.granted'), color: '#52c41a', values: (grants.data ?? []).map((m) => m.granted) }]}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
