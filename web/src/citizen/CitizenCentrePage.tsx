import type { ReactNode } from 'react';
import { Alert, Card, Col, Result, Row, Space, Table, Typography } from 'antd';
import { FileProtectOutlined, FileSearchOutlined, SolutionOutlined } from '@ant-design/icons';
import { describeError } from '../api/ApiProvider.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { SeverityTag } from '../records/SeverityTag.tsx';
import { useChallengesApi } from '../challenges/api.ts';
import { ChallengeMarkTag } from '../challenges/ChallengeMarkTag.tsx';
import { useAuth } from '../shell/auth.tsx';
import { Link } from '../shell/router.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { useCitizenApi, type RecordSummary } from './api.ts';

const LINKS: ReadonlyArray<{ to: string; title: MessageKey; help: MessageKey; icon: ReactNode; testId: string }> = [
  { to: '/account/report', title: 'citizen.card.report', help: 'citizen.card.reportHelp', icon: <FileProtectOutlined />, testId: 'centre-report' },
  { to: '/account/access-log', title: 'citizen.card.accessLog', help: 'citizen.card.accessLogHelp', icon: <FileSearchOutlined />, testId: 'centre-access-log' },
  { to: '/account/authorizations', title: 'citizen.card.authorizations', help: 'citizen.card.authorizationsHelp', icon: <SolutionOutlined />, testId: 'centre-authorizations' },
];

/** `/account/citizen`: where real-name login lands — my records, and the way to my report, my access log and my authorizations. */
export function CitizenCentrePage() {
  const { user } = useAuth();
  const { t } = useI18n();
  if (!user?.linkedPerson) return <Result data-testid="citizen-not-linked" status="info" title={t('citizen.notLinked')} />;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader title={t('citizen.title')} subtitle={t('citizen.subtitle')} />
      <Row gutter={[16, 16]}>
        {LINKS.map((link) => (
          <Col key={link.to} xs={24} md={8}>
            <Link to={link.to} data-testid={link.testId}>
              <Card hoverable>
                <Card.Meta avatar={<span style={{ fontSize: 24 }}>{link.icon}</span>} title={t(link.title)} description={t(link.help)} />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
      <OwnRecords />
    </Space>
  );
}

function OwnRecords() {
  const citizen = useCitizenApi();
  const { t } = useI18n();
  const records = useApiData(citizen.ownRecords);
  // 行政复议中 / 行政诉讼中 / 原决定已撤销 on each record (a self-query like the records themselves).
  const challenges = useApiData(useChallengesApi().mine);
  const markOf = (recordId: string) => challenges.data?.find((c) => c.recordId === recordId && c.status === 'pending')?.mark ?? challenges.data?.find((c) => c.recordId === recordId && c.mark !== null)?.mark;
  return (
    <Card title={t('citizen.records.title')}>
      {records.error !== undefined && <Alert type="error" showIcon title={describeError(records.error, t)} style={{ marginBottom: 16 }} />}
      <Table<RecordSummary>
        data-testid="own-records-table"
        rowKey="id"
        loading={records.loading}
        dataSource={records.data ?? []}
        locale={{ emptyText: t('citizen.records.empty') }}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('citizen.records.item'), key: 'item', render: (_, r) => <Typography.Text>{r.itemName}</Typography.Text> },
          { title: t('citizen.records.source'), dataIndex: 'sourceRecordId' },
          { title: t('citizen.records.decisionDate'), key: 'decisionDate', render: (_, r) => r.decisionDate ?? '—' },
          { title: t('citizen.records.severity'), key: 'severity', render: (_, r) => <SeverityTag severity={r.severity} /> },
          { title: t('citizen.records.version'), dataIndex: 'currentVersion' },
          { title: t('challenges.status'), key: 'challenge', render: (_, r) => <ChallengeMarkTag mark={markOf(r.id)} /> },
        ]}
      />
    </Card>
  );
}
