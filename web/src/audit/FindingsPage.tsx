import { useMemo, useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { describeError } from '../api/ApiProvider.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { StackedBarChart } from '../components/StackedBarChart.tsx';
import { useReloadOnChange } from '../components/useReloadOnChange.ts';
import { useI18n } from '../i18n/index.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { FINDING_STATUSES, RULE_KEYS, useAuditApi, type Finding, type FindingStatus, type RuleKey } from './api.ts';
import { FindingDrawer } from './FindingDrawer.tsx';
import { RULE_COLORS, RULE_LABELS, STATUS_COLORS, STATUS_LABELS } from './labels.ts';
import { ReviewRulesTable, ReviewRunsTable } from './ReviewTables.tsx';
import { RunReviewModal } from './RunReviewModal.tsx';

const PAGE_SIZE = 20;
/** Findings the chart counts: the newest this many (the API's page limit). */
const CHART_FINDINGS = 500;
const CHART_DAYS = 30;

interface Filter {
  status?: FindingStatus;
  rule?: RuleKey;
  day?: string;
}

/** `/admin/audit/findings`: the auditor's review of unusual access (policy (四)8 查询使用审查). */
export function FindingsPage() {
  const audit = useAuditApi();
  const { t, formatNumber } = useI18n();
  const [filter, setFilter] = useState<Filter>({ status: 'open' });
  const [page, setPage] = useState(1);
  // The finding in the drawer is kept here, so it stays open after marking moves it out of the filtered list.
  const [open, setOpen] = useState<Finding | null>(null);
  const [running, setRunning] = useState(false);

  const findings = useApiData(() => audit.findings({ ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }));
  const recent = useApiData(() => audit.findings({ limit: CHART_FINDINGS, offset: 0 }));
  const runs = useApiData(audit.reviewRuns);
  const rules = useApiData(audit.reviewRules);

  useReloadOnChange(findings.reload, [filter, page]);
  const changeFilter = (next: Filter) => {
    setFilter(next);
    setPage(1);
  };
  const reloadAll = () => {
    findings.reload();
    recent.reload();
    runs.reload();
  };

  const chart = useMemo(() => {
    const items = recent.data?.items ?? [];
    const days = [...new Set(items.map((f) => f.day))].sort().slice(-CHART_DAYS);
    return {
      categories: days.map((day) => ({ key: day, label: day.slice(5) })),
      series: RULE_KEYS.map((rule) => ({
        key: rule,
        label: t(RULE_LABELS[rule]),
        color: RULE_COLORS[rule],
        values: days.map((day) => items.filter((f) => f.day === day && f.rule === rule).length),
      })),
    };
  }, [recent.data, t]);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader
        title={t('audit.findings.title')}
        subtitle={t('audit.findings.subtitle')}
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={reloadAll}>
              {t('common.refresh')}
            </Button>
            <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => setRunning(true)} data-testid="run-review">
              {t('audit.run.button')}
            </Button>
          </Space>
        }
      />

      <Tabs
        items={[
          {
            key: 'findings',
            label: t('audit.findings.tab'),
            children: (
              <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                <Card title={t('audit.chart.title')} size="small">
                  {chart.categories.length === 0 ? (
                    <Empty description={t('audit.chart.empty')} />
                  ) : (
                    <StackedBarChart testId="findings-chart" label={t('audit.chart.label')} formatNumber={formatNumber} {...chart} />
                  )}
                </Card>
                <Flex wrap gap="small" data-testid="findings-filters">
                  <Select<FindingStatus | 'all'>
                    data-testid="filter-status"
                    aria-label={t('audit.findings.status')}
                    style={{ width: 160 }}
                    value={filter.status ?? 'all'}
                    options={[{ value: 'all', label: t('audit.filter.allStatuses') }, ...FINDING_STATUSES.map((s) => ({ value: s, label: t(STATUS_LABELS[s]) }))]}
                    onChange={(status) => changeFilter({ ...filter, status: status === 'all' ? undefined : status })}
                  />
                  <Select<RuleKey | 'all'>
                    data-testid="filter-rule"
                    aria-label={t('audit.findings.rule')}
                    style={{ width: 200 }}
                    value={filter.rule ?? 'all'}
                    options={[{ value: 'all', label: t('audit.filter.allRules') }, ...RULE_KEYS.map((r) => ({ value: r, label: t(RULE_LABELS[r]) }))]}
                    onChange={(rule) => changeFilter({ ...filter, rule: rule === 'all' ? undefined : rule })}
                  />
                  <Input
                    type="date"
                    data-testid="filter-day"
                    aria-label={t('audit.findings.day')}
                    style={{ width: 180 }}
                    value={filter.day ?? ''}
                    onChange={(e) => changeFilter({ ...filter, day: e.target.value || undefined })}
                  />
                </Flex>
                {findings.error !== undefined && <Alert type="error" showIcon title={describeError(findings.error, t)} />}
                <Table<Finding>
                  data-testid="findings-table"
                  rowKey="id"
                  size="middle"
                  loading={findings.loading}
                  dataSource={findings.data?.items ?? []}
                  scroll={{ x: 'max-content' }}
                  pagination={{
                    current: page,
                    pageSize: PAGE_SIZE,
                    total: findings.data?.total ?? 0,
                    showTotal: (count) => t('audit.findings.total', { count }),
                    onChange: setPage,
                  }}
                  columns={[
                    { title: t('audit.findings.day'), dataIndex: 'day' },
                    { title: t('audit.findings.rule'), dataIndex: 'rule', render: (rule: RuleKey) => <Tag color={RULE_COLORS[rule]}>{t(RULE_LABELS[rule])}</Tag> },
                    { title: t('audit.findings.user'), key: 'user', render: (_, f) => f.actorUsername ?? f.actorUserId },
                    { title: t('audit.findings.summary'), key: 'summary', render: (_, f) => <FindingSummary finding={f} /> },
                    { title: t('audit.findings.status'), dataIndex: 'status', render: (s: FindingStatus) => <Tag color={STATUS_COLORS[s]}>{t(STATUS_LABELS[s])}</Tag> },
                    {
                      title: t('audit.findings.note'),
                      dataIndex: 'reviewNote',
                      render: (note: string | null) => (note ? <Typography.Text ellipsis={{ tooltip: note }} style={{ maxWidth: 240 }}>{note}</Typography.Text> : '—'),
                    },
                    {
                      title: '',
                      key: 'open',
                      render: (_, f) => (
                        <Button size="small" onClick={() => setOpen(f)} data-testid="finding-open">
                          {f.status === 'open' ? t('audit.findings.review') : t('audit.findings.view')}
                        </Button>
                      ),
                    },
                  ]}
                />
              </Space>
            ),
          },
          {
            key: 'rules',
            label: t('audit.rules.tab'),
            children: <ReviewRulesTable data={rules.data?.items} loading={rules.loading} error={rules.error} />,
          },
          {
            key: 'runs',
            label: t('audit.runs.tab'),
            children: <ReviewRunsTable data={runs.data?.items} loading={runs.loading} error={runs.error} />,
          },
        ]}
      />

      <FindingDrawer
        finding={open}
        onClose={() => setOpen(null)}
        onMarked={(marked) => {
          setOpen(marked);
          findings.reload();
          recent.reload();
        }}
      />
      <RunReviewModal open={running} onClose={() => setRunning(false)} onDone={reloadAll} />
    </Space>
  );
}

/** One line saying what the rule counted: reads, distinct persons. */
function FindingSummary({ finding }: { finding: Finding }) {
  const { t } = useI18n();
  const reads = typeof finding.details.reads === 'number' ? finding.details.reads : null;
  const persons = typeof finding.details.distinctPersons === 'number' ? finding.details.distinctPersons : null;
  return (
    <Typography.Text>
      {persons !== null ? t('audit.findings.summaryPersons', { persons, reads: reads ?? 0 }) : t('audit.findings.summaryReads', { reads: reads ?? 0 })}
    </Typography.Text>
  );
}
