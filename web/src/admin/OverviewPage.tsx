import type { ReactNode } from 'react';
import { Alert, Button, Card, Col, Flex, Row, Space, Statistic, Typography } from 'antd';
import { ApartmentOutlined, BankOutlined, ReloadOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { describeError, useApi } from '../api/ApiProvider.tsx';
import type { OverviewCounts } from '../api/client.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { CountsChart } from './CountsChart.tsx';
import { OverdueCard } from './OverdueCard.tsx';
import { hasPermission, useAuth } from '../shell/auth.tsx';

type CountKey = Exclude<keyof OverviewCounts, 'at'>;

const CARDS: { key: CountKey; label: MessageKey; icon: ReactNode; color: string }[] = [
  { key: 'persons', label: 'overview.persons', icon: <UserOutlined />, color: '#1677ff' },
  { key: 'organizations', label: 'overview.organizations', icon: <BankOutlined />, color: '#13a8a8' },
  { key: 'departments', label: 'overview.departments', icon: <ApartmentOutlined />, color: '#fa8c16' },
  { key: 'users', label: 'overview.users', icon: <TeamOutlined />, color: '#722ed1' },
];

export const OVERVIEW_REFRESH_MS = 10_000;

/**
 * Live counts of the platform. Each card carries `data-testid="count-<name>"` and the raw number in
 * `data-value` (the visible number has thousands separators).
 */
export function OverviewPage() {
  const api = useApi();
  const { t, formatInstant, formatNumber } = useI18n();
  const { data, error, loading, refreshPaused, reload } = useApiData(api.overviewCounts, { refreshMs: OVERVIEW_REFRESH_MS });
  const { user } = useAuth();

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap="small">
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('overview.title')}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="counts-at">
            {data ? t('overview.updatedAt', { time: formatInstant(data.at) }) : t('common.loading')} ·{' '}
            {t(refreshPaused ? 'overview.autoRefreshPaused' : 'overview.autoRefresh')}
          </Typography.Text>
        </div>
        <Button icon={<ReloadOutlined />} loading={loading && data !== undefined} onClick={reload} data-testid="overview-refresh">
          {t('common.refresh')}
        </Button>
      </Flex>

      {error !== undefined && <Alert type="error" showIcon title={describeError(error, t)} />}

      <Row gutter={[16, 16]}>
        {CARDS.map((card) => (
          <Col key={card.key} xs={24} sm={12} xl={6}>
            <Card>
              <Statistic
                data-testid={`count-${card.key}`}
                data-value={data?.[card.key]}
                title={t(card.label)}
                value={data?.[card.key]}
                loading={data === undefined}
                prefix={<span style={{ color: card.color, marginInlineEnd: 4 }}>{card.icon}</span>}
              />
            </Card>
          </Col>
        ))}
      </Row>

      {data && (
        <Card title={t('overview.chartTitle')}>
          <CountsChart
            label={t('overview.chartLabel')}
            formatNumber={formatNumber}
            bars={CARDS.map((card) => ({ key: card.key, label: t(card.label), value: data[card.key], color: card.color }))}
          />
        </Card>
      )}

      {hasPermission(user, 'overview:overdue') && <OverdueCard refreshMs={OVERVIEW_REFRESH_MS} />}
    </Space>
  );
}
