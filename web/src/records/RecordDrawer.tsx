import { useMemo } from 'react';
import { Alert, Button, Card, Descriptions, Drawer, Empty, List, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, LinkOutlined } from '@ant-design/icons';
import { describeError } from '../api/ApiProvider.tsx';
import { useReloadOnChange } from '../components/useReloadOnChange.ts';
import { useUserNames } from '../components/useUserNames.ts';
import { useI18n } from '../i18n/index.tsx';
import { useAuth } from '../shell/auth.tsx';
import { Link } from '../shell/router.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { useRecordsApi, type CatalogItem, type RecordSummary, type RecordVersion } from './api.ts';
import { jobPath } from './JobsPage.tsx';
import { LINK_ROLE_LABELS, SUBJECT_TYPE_LABELS } from './labels.ts';
import { SeverityTag } from './SeverityTag.tsx';
import { ChallengesSection } from '../challenges/ChallengesSection.tsx';

/**
 * One record: what it is about (masked), every version newest first with its fields, who recorded it
 * when and from which job (fields that changed from the version before are marked), and the records
 * it is linked with. Opening it is a logged read.
 */
export function RecordDrawer({
  recordId,
  items,
  onOpen,
  onBack,
  onClose,
}: {
  recordId: string | null;
  items: readonly CatalogItem[];
  onOpen(id: string): void;
  onBack?: () => void;
  onClose(): void;
}) {
  const records = useRecordsApi();
  const { t, formatInstant } = useI18n();
  const { user } = useAuth();
  const userName = useUserNames();
  const detail = useApiData(() => (recordId ? records.record(recordId) : Promise.resolve(null)));
  useReloadOnChange(detail.reload, [recordId]);
  const current = detail.data && detail.data.record.id === recordId ? detail.data : null;
  const record = current?.record;

  const labels = useMemo(() => {
    const item = items.find((i) => i.code === record?.itemCode);
    return new Map((item?.fields ?? []).map((f) => [f.name, f.label]));
  }, [items, record?.itemCode]);

  return (
    <Drawer
      open={recordId !== null}
      onClose={onClose}
      size="large"
      title={
        <Space>
          {onBack && <Button size="small" type="text" icon={<ArrowLeftOutlined />} onClick={onBack} aria-label={t('common.back')} data-testid="record-back" />}
          {record ? `${record.itemName} · ${record.sourceRecordId}` : t('records.record.title')}
        </Space>
      }
      destroyOnHidden
    >
      {detail.error !== undefined && <Alert type="error" showIcon title={describeError(detail.error, t)} />}
      {!current ? (
        detail.error === undefined && <Card loading variant="borderless" />
      ) : (
        <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="record-detail" data-record-id={current.record.id}>
          <Descriptions size="small" bordered column={1}>
            <Descriptions.Item label={t('records.record.item')}>
              {current.record.itemName} <Typography.Text type="secondary">({current.record.itemCode})</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('records.record.sourceRecordId')}>{current.record.sourceRecordId}</Descriptions.Item>
            <Descriptions.Item label={t('records.record.subject')}>
              {current.record.subjectName} · {current.record.subjectCodeMasked} · {t(SUBJECT_TYPE_LABELS[current.record.subjectType])}
            </Descriptions.Item>
            <Descriptions.Item label={t('records.record.severity')}>
              <SeverityTag severity={current.record.severity} />
            </Descriptions.Item>
            <Descriptions.Item label={t('records.record.decisionDate')}>{current.record.decisionDate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('records.record.version')}>
              <span data-testid="record-current-version" data-value={current.record.currentVersion}>
                {t('records.record.versionN', { version: current.record.currentVersion })}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('records.record.updatedAt')}>{formatInstant(current.record.updatedAt)}</Descriptions.Item>
          </Descriptions>

          <LinkedRecords record={current.record} linked={current.linked} onOpen={onOpen} />

          <ChallengesSection recordId={current.record.id} />

          <div>
            <Typography.Title level={5}>{t('records.record.history', { count: current.versions.length })}</Typography.Title>
            <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="record-versions">
              {[...current.versions].reverse().map((version, i, newestFirst) => (
                <VersionCard
                  key={version.version}
                  version={version}
                  previous={newestFirst[i + 1]}
                  isCurrent={version.version === current.record.currentVersion}
                  labels={labels}
                  recordedBy={
                    version.recordedBy === null
                      ? t('records.record.bySystem')
                      : version.recordedBy === user?.id
                        ? t('records.record.byYou')
                        : (userName(version.recordedBy) ?? version.recordedBy)
                  }
                />
              ))}
            </Space>
          </div>
        </Space>
      )}
    </Drawer>
  );
}

function LinkedRecords({ record, linked, onOpen }: { record: RecordSummary; linked: RecordSummary[] | undefined; onOpen(id: string): void }) {
  const { t } = useI18n();
  const role = (r: RecordSummary) => (r.linkRole ? (LINK_ROLE_LABELS[r.linkRole] ? t(LINK_ROLE_LABELS[r.linkRole]!) : r.linkRole) : '—');
  return (
    <>
      {record.linkedRecordId && (
        <Alert
          data-testid="record-linked-from"
          type="info"
          showIcon
          icon={<LinkOutlined />}
          title={t('records.record.derived', { role: role(record) })}
          action={
            <Button size="small" onClick={() => onOpen(record.linkedRecordId!)} data-testid="open-linked-organization">
              {t('records.record.openOrganization')}
            </Button>
          }
        />
      )}
      {linked && linked.length > 0 && (
        <Card size="small" title={t('records.record.linkedPersons')} data-testid="record-linked-persons">
          <List
            size="small"
            dataSource={linked}
            renderItem={(r) => (
              <List.Item
                actions={[
                  <Button key="open" size="small" type="link" onClick={() => onOpen(r.id)}>
                    {t('records.record.open')}
                  </Button>,
                ]}
              >
                <Space>
                  <Tag color="purple">{role(r)}</Tag>
                  <span>{r.subjectName}</span>
                  <Typography.Text type="secondary">{r.subjectCodeMasked}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
    </>
  );
}

function VersionCard({
  version,
  previous,
  isCurrent,
  labels,
  recordedBy,
}: {
  version: RecordVersion;
  previous: RecordVersion | undefined;
  isCurrent: boolean;
  labels: Map<string, string>;
  recordedBy: string;
}) {
  const { t, formatInstant } = useI18n();
  // Catalog order first (the item's field list), then whatever else the version carries.
  const order = [...labels.keys()];
  const codes = Object.keys(version.fields).sort((a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b));
  const changed = (code: string) => previous !== undefined && previous.fields[code] !== version.fields[code];

  return (
    <Card
      size="small"
      data-testid="record-version-card"
      data-version={version.version}
      title={
        <Space>
          {t('records.record.versionN', { version: version.version })}
          {isCurrent && <Tag color="blue">{t('records.record.current')}</Tag>}
        </Space>
      }
      extra={
        <Typography.Text type="secondary" data-testid="version-meta">
          {t('records.record.recordedMeta', { time: formatInstant(version.recordedAt), by: recordedBy })} ·{' '}
          <Link to={jobPath(version.jobId)} data-testid="version-job">
            {t('records.record.job')}
          </Link>
        </Typography.Text>
      }
    >
      {codes.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Descriptions size="small" column={1} bordered>
          {codes.map((code) => (
            <Descriptions.Item
              key={code}
              label={
                <Space orientation="vertical" size={0}>
                  <span>{labels.get(code) ?? code}</span>
                  {labels.has(code) && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{code}</Typography.Text>}
                </Space>
              }
            >
              <span data-testid={`field-${code}`} data-changed={changed(code) ? 'true' : undefined}>
                {version.fields[code] || '—'}
              </span>
              {changed(code) && (
                <div>
                  <Tag color="orange">{t('records.record.changed')}</Tag>
                  <Typography.Text type="secondary" delete>
                    {previous?.fields[code] || '—'}
                  </Typography.Text>
                </div>
              )}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </Card>
  );
}

function rank(order: string[], code: string): number {
  const i = order.indexOf(code);
  return i === -1 ? Number.MAX_SAFE_INTEGER : i;
}
