import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { describeError } from '../api/ApiProvider.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { useAuditApi, type LedgerProblem, type LedgerReport, type SignedTreeHead } from './api.ts';
import { PROBLEM_KIND_LABELS } from './labels.ts';

/**
 * Commands for checking the log away from the platform (README, "Access log, review and tamper
 * evidence"), filled in with this platform's address and signing key.
 */
function offlineCommands(origin: string, publicKey: string) {
  return [
    { command: 'chengxin audit export-heads --out heads-witness.json', help: 'audit.integrity.cmd.export' },
    { command: 'chengxin audit verify --witness heads-witness.json', help: 'audit.integrity.cmd.verify' },
    { command: `curl -s ${origin}/api/v1/audit/tree-heads`, help: 'audit.integrity.cmd.heads' },
    { command: `curl -s "${origin}/api/v1/audit/consistency?from=A&to=B"`, help: 'audit.integrity.cmd.consistency' },
    { command: `chengxin audit check-download access-log.json --public-key ${publicKey}`, help: 'audit.integrity.cmd.checkDownload' },
  ] as const;
}

/** `/admin/audit/integrity`: verify the tamper-evident access log, its signed heads and key. */
export function IntegrityPage() {
  const audit = useAuditApi();
  const { t } = useI18n();
  const heads = useApiData(audit.treeHeads);
  const key = useApiData(audit.publicKey);
  const [report, setReport] = useState<LedgerReport | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const verify = async () => {
    setVerifying(true);
    setError(undefined);
    try {
      setReport(await audit.verify());
      heads.reload();
    } catch (e) {
      setError(e);
    } finally {
      setVerifying(false);
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader title={t('audit.integrity.title')} subtitle={t('audit.integrity.subtitle')} />

      <Card
        title={t('audit.integrity.verifyTitle')}
        extra={
          <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verifying} onClick={verify} data-testid="verify-log">
            {t('audit.integrity.verify')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('audit.integrity.verifyHelp')}</Typography.Paragraph>
        {error !== undefined && <Alert type="error" showIcon title={describeError(error, t)} />}
        {report && <VerifyReport report={report} />}
      </Card>

      <Card title={t('audit.integrity.headsTitle')}>
        {heads.error !== undefined && <Alert type="error" showIcon title={describeError(heads.error, t)} />}
        <HeadsTable heads={heads.data} loading={heads.loading} />
      </Card>

      <Card title={t('audit.integrity.keyTitle')}>
        {key.error !== undefined && <Alert type="error" showIcon title={describeError(key.error, t)} />}
        {key.data && (
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('audit.integrity.keyId')}>{key.data.keyId}</Descriptions.Item>
            <Descriptions.Item label={t('audit.integrity.publicKey')}>
              <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="public-key">
                {key.data.publicKey}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.integrity.algorithm')}>{key.data.algorithm}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>

      <Card title={t('audit.integrity.offlineTitle')}>
        <Typography.Paragraph>{t('audit.integrity.offlineIntro')}</Typography.Paragraph>
        <Space orientation="vertical" style={{ width: '100%' }}>
          {offlineCommands(window.location.origin, key.data?.publicKey ?? 'HEX').map(({ command, help }) => (
            <div key={command}>
              <Typography.Text type="secondary">{t(help)}</Typography.Text>
              <pre style={{ margin: '4px 0 0', padding: '8px 12px', background: 'rgba(0,0,0,0.04)', borderRadius: 6, overflowX: 'auto' }}>
                <Typography.Text copyable={{ text: command }}>{command}</Typography.Text>
              </pre>
            </div>
          ))}
        </Space>
      </Card>
    </Space>
  );
}

function VerifyReport({ report }: { report: LedgerReport }) {
  const { t, formatInstant, formatNumber } = useI18n();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="verify-report" data-ok={String(report.ok)}>
      <Alert
        type={report.ok ? 'success' : 'error'}
        showIcon
        title={report.ok ? t('audit.integrity.ok') : t('audit.integrity.tampered', { count: report.problems.length })}
        data-testid="verify-verdict"
      />
      <Descriptions column={{ xs: 1, md: 3 }} size="small" bordered>
        <Descriptions.Item label={t('audit.integrity.entries')}>
          <span data-testid="verify-entries" data-value={report.entries}>
            {formatNumber(report.entries)}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.integrity.headsChecked')}>{formatNumber(report.headsChecked)}</Descriptions.Item>
        <Descriptions.Item label={t('audit.integrity.pending')}>{formatNumber(report.pending)}</Descriptions.Item>
        {report.latestHead && (
          <Descriptions.Item label={t('audit.integrity.latestHead')} span={3}>
            {t('audit.integrity.headSummary', { size: report.latestHead.treeSize, at: formatInstant(report.latestHead.signedAt) })}
          </Descriptions.Item>
        )}
      </Descriptions>
      {report.problems.length > 0 && (
        <Table<LedgerProblem>
          data-testid="verify-problems"
          size="small"
          rowKey={(p, i) => `${p.kind}-${p.seq ?? p.treeSize ?? ''}-${i}`}
          dataSource={report.problems}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('audit.integrity.problemKind'), dataIndex: 'kind', render: (kind: string) => <Tag color="red">{PROBLEM_KIND_LABELS[kind] ? t(PROBLEM_KIND_LABELS[kind]) : kind}</Tag> },
            {
              title: t('audit.integrity.problemSeq'),
              key: 'seq',
              render: (_, p) => (p.seq !== undefined ? p.seq : p.range ? `${p.range[0]}–${p.range[1]}` : p.treeSize !== undefined ? t('audit.integrity.headAt', { size: p.treeSize }) : '—'),
            },
            { title: t('audit.integrity.problemEntry'), dataIndex: 'id', render: (id?: string) => (id ? <Typography.Text code>{id}</Typography.Text> : '—') },
            { title: t('audit.integrity.problemDetail'), dataIndex: 'detail' },
          ]}
        />
      )}
    </Space>
  );
}

function HeadsTable({ heads, loading }: { heads: SignedTreeHead[] | undefined; loading: boolean }) {
  const { t, formatInstant, formatNumber } = useI18n();
  const newestFirst = [...(heads ?? [])].reverse();
  return (
    <Table<SignedTreeHead>
      data-testid="heads-table"
      size="small"
      rowKey="treeSize"
      loading={loading}
      dataSource={newestFirst}
      scroll={{ x: 'max-content' }}
      pagination={{ pageSize: 10, showTotal: (count) => t('audit.integrity.headsTotal', { count }) }}
      columns={[
        { title: t('audit.integrity.treeSize'), dataIndex: 'treeSize', render: (n: number) => formatNumber(n) },
        { title: t('audit.integrity.signedAt'), dataIndex: 'signedAt', render: (at: string) => formatInstant(at) },
        {
          title: t('audit.integrity.rootHash'),
          dataIndex: 'rootHash',
          render: (hash: string) => (
            <Typography.Text code copyable={{ text: hash }}>
              {hash.slice(0, 16)}…
            </Typography.Text>
          ),
        },
        { title: t('audit.integrity.keyId'), dataIndex: 'keyId' },
        {
          title: t('audit.integrity.signature'),
          dataIndex: 'signature',
          render: (sig: string) => (
            <Typography.Text code copyable={{ text: sig }}>
              {sig.slice(0, 16)}…
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}
