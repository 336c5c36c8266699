import { Alert, Space, Table, Tag, Typography } from 'antd';
import { describeError } from '../api/ApiProvider.tsx';
import { useUserNames } from '../components/useUserNames.ts';
import { useI18n } from '../i18n/index.tsx';
import type { ReviewRule, ReviewRun, RuleKey } from './api.ts';
import { DETAIL_LABELS, RULE_COLORS, RULE_DESCRIPTIONS, RULE_LABELS } from './labels.ts';

interface Loaded<T> {
  data: T[] | undefined;
  loading: boolean;
  error: unknown;
}

/**
 * The rules the review applies and their numbers, with the legal basis. Read-only: the API offers
 * no way to change them yet (ReviewService.updateRule has no route).
 */
export function ReviewRulesTable({ data, loading, error }: Loaded<ReviewRule>) {
  const { t, formatInstant } = useI18n();
  const nameOf = useUserNames();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('audit.rules.readOnly')} />
      {error !== undefined && <Alert type="error" showIcon title={describeError(error, t)} />}
      <Table<ReviewRule>
        data-testid="rules-table"
        rowKey="key"
        size="middle"
        loading={loading}
        dataSource={data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('audit.findings.rule'),
            dataIndex: 'key',
            render: (key: RuleKey) => (
              <Space orientation="vertical" size={2}>
                <Tag color={RULE_COLORS[key]}>{t(RULE_LABELS[key])}</Tag>
                <Typography.Text type="secondary" style={{ maxWidth: 320, display: 'block', whiteSpace: 'normal' }}>
                  {t(RULE_DESCRIPTIONS[key])}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('audit.rules.params'),
            dataIndex: 'params',
            render: (params: Record<string, unknown>) => (
              <Space orientation="vertical" size={0}>
                {Object.entries(params).map(([key, value]) => (
                  <Typography.Text key={key}>
                    {DETAIL_LABELS[key] ? t(DETAIL_LABELS[key]) : key}: <Typography.Text strong>{Array.isArray(value) ? value.join(', ') : String(value)}</Typography.Text>
                  </Typography.Text>
                ))}
              </Space>
            ),
          },
          {
            title: t('audit.rules.legalBasis'),
            dataIndex: 'legalBasis',
            render: (text: string) => <Typography.Paragraph style={{ maxWidth: 420, margin: 0, whiteSpace: 'normal' }}>{text}</Typography.Paragraph>,
          },
          { title: t('audit.rules.version'), dataIndex: 'version' },
          {
            title: t('audit.rules.updated'),
            key: 'updated',
            render: (_, rule) => `${formatInstant(rule.updatedAt)}${rule.updatedBy ? ` · ${nameOf(rule.updatedBy)}` : ''}`,
          },
        ]}
      />
    </Space>
  );
}

/** Review runs, newest first: the daily job's and on-demand ones. */
export function ReviewRunsTable({ data, loading, error }: Loaded<ReviewRun>) {
  const { t, formatInstant } = useI18n();
  const nameOf = useUserNames();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {error !== undefined && <Alert type="error" showIcon title={describeError(error, t)} />}
      <Table<ReviewRun>
        data-testid="runs-table"
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data ?? []}
        pagination={false}
        columns={[
          { title: t('audit.runs.day'), dataIndex: 'day' },
          {
            title: t('audit.runs.trigger'),
            dataIndex: 'trigger',
            render: (trigger: ReviewRun['trigger']) => <Tag>{t(trigger === 'scheduled' ? 'audit.runs.scheduled' : 'audit.runs.onDemand')}</Tag>,
          },
          { title: t('audit.runs.added'), dataIndex: 'findingsAdded' },
          { title: t('audit.runs.at'), dataIndex: 'finishedAt', render: (at: string) => formatInstant(at) },
          { title: t('audit.runs.by'), dataIndex: 'requestedBy', render: (id: string | null) => nameOf(id) ?? t('audit.system') },
        ]}
      />
    </Space>
  );
}
