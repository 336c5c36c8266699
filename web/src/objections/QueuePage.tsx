import { useState } from 'react';
import { Alert, App, Button, Card, Input, Radio, Space, Table } from 'antd';
import { describeError } from '../api/ApiProvider.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { OverdueCardWithoutOverview } from '../admin/OverdueCard.tsx';
import { FileLinks } from '../components/EvidenceFiles.tsx';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { caseFileUrl, useObjectionsApi, type Objection, type Outcome } from './api.ts';
import { StatusTag } from './StatusTag.tsx';

/** `/admin/objections` (objections:handle): the department's cases, pending first, overdue in red; decide one. */
export function QueuePage() {
  const client = useObjectionsApi();
  const { t } = useI18n();
  const queue = useApiData(() => client.queue());
  const [open, setOpen] = useState<Objection | null>(null);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader title={t('objections.queue.title')} subtitle={t('objections.queue.subtitle')} />
      <OverdueCardWithoutOverview />
      {queue.error !== undefined && <Alert type="error" showIcon message={describeError(queue.error, t)} />}
      <Table<Objection>
        rowKey="id"
        size="small"
        loading={queue.loading}
        dataSource={queue.data ?? []}
        pagination={false}
        columns={[
          { title: t('objections.filedOn'), dataIndex: 'filedOn' },
          { title: t('objections.target'), render: (_, o) => `${o.target.kind}:${o.target.id}` },
          { title: t('objections.reasons'), dataIndex: 'reasons' },
          { title: t('objections.agent.column'), render: (_, o) => o.agent?.name ?? '' },
          {
            title: t('objections.files'),
            render: (_, o) => <FileLinks files={o.files} href={(fileId) => caseFileUrl(o.id, fileId)} label={(fileId) => t(`objections.file.${o.files.find((f) => f.id === fileId)!.purpose}` as MessageKey)} />,
          },
          { title: t('objections.dueOn'), dataIndex: 'dueOn' },
          { title: '', render: (_, o) => <StatusTag objection={o} /> },
          {
            title: '',
            render: (_, o) =>
              o.status === 'pending' && (
                <Button size="small" data-testid={`decide-${o.id}`} onClick={() => setOpen(o)}>
                  {t('objections.decide')}
                </Button>
              ),
          },
        ]}
      />
      {open && (
        <DecideForm
          key={open.id}
          objection={open}
          onDone={() => {
            setOpen(null);
            queue.reload();
          }}
        />
      )}
    </Space>
  );
}

function DecideForm({ objection, onDone }: { objection: Objection; onDone: () => void }) {
  const client = useObjectionsApi();
  const { t } = useI18n();
  const { message } = App.useApp();
  const [outcome, setOutcome] = useState<Outcome>('upheld');
  const [note, setNote] = useState('');
  const [field, setField] = useState('');
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await client.decide(objection.id, { outcome, note, version: objection.version, ...(outcome === 'corrected' ? { changes: { [field]: value } } : {}) });
      message.success(t('objections.decided'));
      onDone();
    } catch (error) {
      setProblem(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={`${t('objections.decide')} · ${objection.reasons}`}>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} />}
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
          <Radio value="upheld">{t('objections.outcome.upheld')}</Radio>
          {objection.target.kind === 'record' && <Radio value="corrected">{t('objections.outcome.corrected')}</Radio>}
          <Radio value="revoked">{t('objections.outcome.revoked')}</Radio>
          <Radio value="not_accepted">{t('objections.outcome.not_accepted')}</Radio>
        </Radio.Group>
        {outcome === 'corrected' && (
          <Space.Compact style={{ width: '100%' }}>
            <Input id="correction-field" placeholder={t('objections.field')} value={field} onChange={(e) => setField(e.target.value)} />
            <Input id="correction-value" placeholder={t('objections.value')} value={value} onChange={(e) => setValue(e.target.value)} />
          </Space.Compact>
        )}
        <Input.TextArea id="decision-note" rows={3} placeholder={t('objections.note')} value={note} onChange={(e) => setNote(e.target.value)} />
        <Button type="primary" id="decision-submit" loading={busy} disabled={note.trim().length === 0 || (outcome === 'corrected' && field.trim() === '')} onClick={() => void send()}>
          {t('common.submit')}
        </Button>
      </Space>
    </Card>
  );
}
