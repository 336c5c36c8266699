import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Input, Select, Space, Timeline } from 'antd';
import { describeError } from '../api/ApiProvider.tsx';
import { useCitizenApi } from '../citizen/index.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { useObjectionsApi } from './api.ts';
import { StatusTag } from './StatusTag.tsx';

/** `/account/objections` (citizen): object to one of the own records, and follow each objection's history and reasons. */
export function MyObjectionsPage() {
  const client = useObjectionsApi();
  const citizen = useCitizenApi();
  const { t } = useI18n();
  const { message } = App.useApp();
  const mine = useApiData(() => client.mine());
  const records = useApiData(() => citizen.ownRecords());
  const [recordId, setRecordId] = useState<string | undefined>();
  const [reasons, setReasons] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    if (recordId === undefined) return;
    setBusy(true);
    setProblem(null);
    try {
      await client.file({ target: { kind: 'record', id: recordId }, reasons });
      message.success(t('objections.filed'));
      setReasons('');
      mine.reload();
    } catch (error) {
      setProblem(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader title={t('objections.mine.title')} subtitle={t('objections.mine.subtitle')} />
      <Card size="small" title={t('objections.file')}>
        {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} />}
        <Space direction="vertical" style={{ width: '100%' }}>
          <Select
            id="objection-record"
            style={{ width: '100%' }}
            placeholder={t('objections.record')}
            value={recordId}
            onChange={setRecordId}
            options={(records.data ?? []).map((r) => ({ value: r.id, label: `${r.itemName} · ${r.sourceRecordId} · ${r.decisionDate ?? ''}` }))}
          />
          <Input.TextArea id="objection-reasons" rows={3} placeholder={t('objections.reasons')} value={reasons} onChange={(e) => setReasons(e.target.value)} />
          <Button type="primary" id="objection-submit" loading={busy} disabled={recordId === undefined || reasons.trim().length === 0} onClick={() => void send()}>
            {t('common.submit')}
          </Button>
        </Space>
      </Card>
      {mine.error !== undefined && <Alert type="error" showIcon message={describeError(mine.error, t)} />}
      {mine.data?.length === 0 && <Empty description={t('objections.none')} />}
      {mine.data?.map((o) => (
        <Card key={o.id} data-testid={`objection-${o.id}`} size="small" title={<StatusTag objection={o} />}>
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={t('objections.filedOn')}>{o.filedOn}</Descriptions.Item>
            <Descriptions.Item label={t('objections.dueOn')}>{o.dueOn}</Descriptions.Item>
          </Descriptions>
          <Timeline
            style={{ marginTop: 12 }}
            items={o.events.map((e) => ({ children: `${e.at.slice(0, 10)} ${e.action === 'decide' ? t('objections.decided') : t('objections.filed')}：${e.note}` }))}
          />
        </Card>
      ))}
    </Space>
  );
}
