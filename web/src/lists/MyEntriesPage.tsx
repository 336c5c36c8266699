import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Input, Radio, Space } from 'antd';
import { describeError, useApi } from '../api/ApiProvider.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { listsApi, type ListEntry } from './api.ts';
import { EntryView } from './EntryView.tsx';

/**
 * `/account/lists` (any signed-in user; answers only about the caller's own person): the citizen's
 * list entries with their notices, and the defence / review form while the defence period runs.
 */
export function MyEntriesPage() {
  const api = useApi();
  const client = useMemo(() => listsApi(api), [api]);
  const { t } = useI18n();
  const mine = useApiData(() => client.mine());
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader title={t('lists.mine.title')} subtitle={t('lists.mine.subtitle')} />
      {mine.error !== undefined && <Alert type="error" showIcon message={describeError(mine.error, t)} />}
      {mine.data?.items.length === 0 && <Empty description={t('lists.mine.none')} />}
      {mine.data?.items.map((entry) => <MyEntry key={entry.id} client={client} entry={entry} />)}
    </Space>
  );
}

function MyEntry({ client, entry }: { client: ReturnType<typeof listsApi>; entry: ListEntry }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const detail = useApiData(() => client.mineEntry(entry.id));
  const [kind, setKind] = useState<'defence' | 'review'>('defence');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await client.statement(entry.id, { kind, text });
      message.success(t('lists.statement.sent'));
      setText('');
      detail.reload();
    } catch (error) {
      setProblem(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };
  const current = detail.data?.entry ?? entry;
  return (
    <Card data-testid={`my-entry-${entry.id}`}>
      {detail.data && <EntryView detail={detail.data} />}
      {current.status === 'notified' && (
        <Card size="small" title={`${t('lists.statement')} · ${t('lists.defenceUntil', { date: current.defenceUntil ?? '' })}`} style={{ marginTop: 16 }}>
          {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} />}
          <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as 'defence' | 'review')} style={{ marginBottom: 8 }}>
            <Radio value="defence">{t('lists.statement.defence')}</Radio>
            <Radio value="review">{t('lists.statement.review')}</Radio>
          </Radio.Group>
          <Input.TextArea id="statement-text" rows={3} placeholder={t('lists.statement.text')} value={text} onChange={(e) => setText(e.target.value)} />
          <Button type="primary" id="statement-submit" style={{ marginTop: 8 }} loading={busy} disabled={text.trim().length < 2} onClick={() => void send()}>
            {t('common.submit')}
          </Button>
        </Card>
      )}
    </Card>
  );
}
