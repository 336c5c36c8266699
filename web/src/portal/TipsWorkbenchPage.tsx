import { useMemo, useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Input, Space, Table, Tag, Typography } from 'antd';
import { describeError, useApi } from '../api/ApiProvider.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useReloadOnChange } from '../components/useReloadOnChange.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { disclosureApi, type Tip } from './api.ts';

const PAGE_SIZE = 20;
type Client = ReturnType<typeof disclosureApi>;

function StatusTag({ status }: { status: Tip['status'] }) {
  const { t } = useI18n();
  return <Tag color={status === 'answered' ? 'green' : 'gold'}>{t(`portal.tip.status.${status}` as MessageKey)}</Tag>;
}

/** `/admin/disclosure/tips` (disclosure:tips): the tips routed to the user's department, and the answer form. */
export function TipsWorkbenchPage() {
  const { t, formatInstant } = useI18n();
  const api = useApi();
  const client = useMemo(() => disclosureApi(api), [api]);
  const [page, setPage] = useState(1);
  const tips = useApiData(() => client.tips({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }));
  useReloadOnChange(tips.reload, [page]);
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader title={t('disclosure.tips.title')} subtitle={t('disclosure.tips.subtitle')} />
      {tips.error !== undefined && <Alert type="error" showIcon message={describeError(tips.error, t)} />}
      <Table<Tip>
        rowKey="id"
        loading={tips.loading}
        dataSource={tips.data?.items ?? []}
        onRow={(tip) => ({ onClick: () => setOpenId(tip.id), style: { cursor: 'pointer' }, 'data-testid': `tip-row-${tip.number}` }) as React.HTMLAttributes<HTMLElement>}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: tips.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('portal.tip.number'), dataIndex: 'number' },
          { title: t('portal.tip.subject'), dataIndex: 'subject' },
          { title: t('portal.tip.status'), render: (_, tip) => <StatusTag status={tip.status} /> },
          { title: t('disclosure.tips.receivedAt'), render: (_, tip) => formatInstant(tip.receivedAt) },
        ]}
      />
      <Drawer open={openId !== null} onClose={() => setOpenId(null)} width={640} destroyOnHidden title={t('disclosure.tips.title')}>
        {openId && <TipDrawer client={client} id={openId} onChanged={tips.reload} />}
      </Drawer>
    </Space>
  );
}

function TipDrawer({ client, id, onChanged }: { client: Client; id: string; onChanged: () => void }) {
  const { t, formatInstant } = useI18n();
  const tip = useApiData(() => client.getTip(id));
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const d = tip.data;
  if (!d) return tip.error !== undefined ? <Alert type="error" showIcon message={describeError(tip.error, t)} /> : null;
  const send = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await client.answerTip(d.id, { answer, expectedVersion: d.version });
      tip.reload();
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('portal.tip.number')}>{d.number}</Descriptions.Item>
        <Descriptions.Item label={t('portal.tip.status')}>
          <StatusTag status={d.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('disclosure.tips.receivedAt')}>{formatInstant(d.receivedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('disclosure.tips.reporter')}>{d.reporterName || d.reporterContact ? `${d.reporterName ?? ''} ${d.reporterContact ?? ''}` : t('disclosure.tips.anonymous')}</Descriptions.Item>
        <Descriptions.Item label={t('portal.tip.subject')}>{d.subject}</Descriptions.Item>
        <Descriptions.Item label={t('portal.tip.description')}>
          <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{d.description}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('portal.tip.attachments')}>
          <Space direction="vertical">
            {d.attachments.map((a) => (
              <a key={a.id} href={client.attachmentUrl(d.id, a.id)}>{`${a.fileName}（${Math.ceil(a.bytes / 1024)} KB）`}</a>
            ))}
          </Space>
        </Descriptions.Item>
        {d.answer && <Descriptions.Item label={t('portal.tip.answer')}>{d.answer}</Descriptions.Item>}
      </Descriptions>
      {error !== undefined && <Alert type="error" showIcon message={describeError(error, t)} />}
      {d.status === 'received' && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.TextArea rows={4} placeholder={t('disclosure.tips.answer')} value={answer} onChange={(e) => setAnswer(e.target.value)} data-testid="tip-answer" />
          <Button type="primary" disabled={answer.trim().length < 2} loading={busy} onClick={send} data-testid="tip-answer-send">
            {t('disclosure.tips.sendAnswer')}
          </Button>
        </Space>
      )}
    </Space>
  );
}
