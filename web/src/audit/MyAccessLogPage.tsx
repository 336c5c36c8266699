import { Alert, Button, Card, Result, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { ApiError } from '../api/client.ts';
import { describeError } from '../api/ApiProvider.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useAuth } from '../shell/auth.tsx';
import { ROLE_LABELS } from '../shell/roles.ts';
import { useApiData } from '../shell/useApiData.ts';
import { OWN_ACCESS_LOG_URL, useAuditApi, type AccessLogDownload } from './api.ts';
import { ACTION_LABELS, RESULT_LABELS } from './labels.ts';

type Row = AccessLogDownload['entries'][number];

/** `/account/access-log`: who read my personal data, when, why and on what basis (DESIGN.md decision 5). */
export function MyAccessLogPage() {
  const { user } = useAuth();
  const { t } = useI18n();
  if (!user?.linkedPerson) return <NotLinked />;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader
        title={t('audit.myLog.title')}
        subtitle={t('audit.myLog.subtitle')}
        extra={
          <Button type="primary" icon={<DownloadOutlined />} href={OWN_ACCESS_LOG_URL} download data-testid="download-access-log">
            {t('audit.myLog.download')}
          </Button>
        }
      />
      <AccessLogTable />
    </Space>
  );
}

function NotLinked() {
  const { t } = useI18n();
  return <Result data-testid="access-log-not-linked" status="info" title={t('audit.myLog.notLinkedTitle')} subTitle={t('audit.myLog.notLinkedDetail')} />;
}

/** The organization an entry names (authorized queries log `organizationName` and `organizationCode`), or null. */
function organizationOf(data: string | null): string | null {
  if (!data) return null;
  try {
    const parsed = JSON.parse(data) as { organizationName?: unknown; organizationCode?: unknown };
    return typeof parsed.organizationName === 'string' ? `${parsed.organizationName}（${String(parsed.organizationCode ?? '')}）` : null;
  } catch {
    return null;
  }
}

function AccessLogTable() {
  const audit = useAuditApi();
  const { t, formatInstant } = useI18n();
  const log = useApiData(audit.ownAccessLog);
  if (log.error instanceof ApiError && log.error.code === 'audit.no_own_log') return <NotLinked />;
  // Newest first: the file keeps the log's order (oldest first).
  const rows = [...(log.data?.entries ?? [])].reverse();

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {log.error !== undefined && <Alert type="error" showIcon title={describeError(log.error, t)} />}
      <Table<Row>
        data-testid="access-log-table"
        rowKey={(r) => r.entry.id}
        loading={log.loading}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, showTotal: (count) => t('audit.myLog.total', { count }) }}
        columns={[
          { title: t('audit.myLog.at'), key: 'at', render: (_, r) => formatInstant(r.entry.at) },
          {
            title: t('audit.myLog.who'),
            key: 'who',
            render: (_, r) =>
              r.entry.actorRole && r.entry.actorRole in ROLE_LABELS ? t(ROLE_LABELS[r.entry.actorRole as keyof typeof ROLE_LABELS]) : (r.entry.actorRole ?? t('audit.system')),
          },
          {
            title: t('audit.myLog.department'),
            key: 'department',
            render: (_, r) => {
              // An organization's authorized query names the organization (its API client has no department).
              const organization = organizationOf(r.entry.data);
              if (organization) return <span data-testid="access-log-organization">{organization}</span>;
              return r.entry.actorDepartmentId ? (log.data?.departments?.[r.entry.actorDepartmentId] ?? r.entry.actorDepartmentId) : '—';
            },
          },
          { title: t('audit.myLog.action'), key: 'action', render: (_, r) => (ACTION_LABELS[r.entry.action] ? t(ACTION_LABELS[r.entry.action]!) : r.entry.action) },
          { title: t('audit.myLog.purpose'), key: 'purpose', render: (_, r) => r.entry.purpose || <Typography.Text type="warning">{t('audit.myLog.noPurpose')}</Typography.Text> },
          { title: t('audit.myLog.legalBasis'), key: 'legalBasis', render: (_, r) => r.entry.legalBasis || '—' },
          {
            title: t('audit.myLog.result'),
            key: 'result',
            render: (_, r) => {
              const result = RESULT_LABELS[r.entry.result];
              return <Tag color={result?.color}>{result ? t(result.label) : r.entry.result}</Tag>;
            },
          },
          {
            title: t('audit.myLog.proof'),
            key: 'proof',
            render: (_, r) => (r.proof ? <Tag color="green">{t('audit.myLog.proven')}</Tag> : <Tag>{t('audit.myLog.pending')}</Tag>),
          },
        ]}
      />
      <Card title={t('audit.myLog.offlineTitle')} size="small">
        <Typography.Paragraph>{t('audit.myLog.offlineIntro')}</Typography.Paragraph>
        <ol style={{ paddingInlineStart: 20 }}>
          <li>{t('audit.myLog.offlineStep1')}</li>
          <li>{t('audit.myLog.offlineStep2')}</li>
          <li>
            {t('audit.myLog.offlineStep3')}
            <pre style={{ margin: '4px 0 0', padding: '8px 12px', background: 'rgba(0,0,0,0.04)', borderRadius: 6, overflowX: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              <Typography.Text copyable data-testid="check-download-command">{`chengxin audit check-download access-log.json --public-key ${log.data?.publicKey ?? 'HEX'}`}</Typography.Text>
            </pre>
          </li>
        </ol>
        <Typography.Paragraph type="secondary">{t('audit.myLog.offlineNote')}</Typography.Paragraph>
      </Card>
    </Space>
  );
}
