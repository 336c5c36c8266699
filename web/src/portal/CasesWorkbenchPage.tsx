import { useMemo, useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { describeError, useApi } from '../api/ApiProvider.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useReloadOnChange } from '../components/useReloadOnChange.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { hasPermission, useAuth } from '../shell/auth.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { disclosureApi, type CaseContent, type CaseDetail, type TypicalCase } from './api.ts';

const PAGE_SIZE = 20;
const STATUS_COLOURS: Record<TypicalCase['status'], string> = { draft: 'default', in_review: 'gold', published: 'green' };
/** The policy's 16 key domains (济政办〔2017〕55号 (一)2); the server checks them against the catalog. */
const KEY_DOMAINS = ['食品药品', '安全生产', '消防安全', '交通安全', '环境保护', '生物安全', '产品质量', '税收缴纳', '医疗卫生', '劳动保障', '工程建设', '金融服务', '知识产权', '司法诉讼', '电子商务', '志愿服务'];

type Client = ReturnType<typeof disclosureApi>;

/** `/admin/disclosure/cases` (disclosure:manage): draft, edit and submit typical cases; reviewers publish or return them. */
export function CasesWorkbenchPage() {
  const { t } = useI18n();
  const api = useApi();
  const client = useMemo(() => disclosureApi(api), [api]);
  const [page, setPage] = useState(1);
  const cases = useApiData(() => client.cases({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }));
  useReloadOnChange(cases.reload, [page]);
  const [open, setOpen] = useState<string | 'new' | null>(null);

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader
        title={t('disclosure.cases.title')}
        subtitle={t('disclosure.cases.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen('new')} data-testid="case-new">
            {t('disclosure.cases.new')}
          </Button>
        }
      />
      {cases.error !== undefined && <Alert type="error" showIcon message={describeError(cases.error, t)} />}
      <Table<TypicalCase>
        rowKey="id"
        loading={cases.loading}
        dataSource={cases.data?.items ?? []}
        onRow={(c) => ({ onClick: () => setOpen(c.id), style: { cursor: 'pointer' }, 'data-testid': `case-row-${c.id}` }) as React.HTMLAttributes<HTMLElement>}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: cases.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('disclosure.cases.caseTitle'), dataIndex: 'title' },
          { title: t('disclosure.cases.status'), render: (_, c) => <Tag color={STATUS_COLOURS[c.status]}>{t(`disclosure.cases.status.${c.status}` as MessageKey)}</Tag> },
          { title: t('disclosure.cases.version'), dataIndex: 'version' },
          { title: t('disclosure.cases.publishedVersion'), render: (_, c) => c.publishedVersion ?? '—' },
          { title: t('portal.cases.department'), dataIndex: 'departmentName' },
        ]}
      />
      <Drawer open={open !== null} onClose={() => setOpen(null)} width={720} destroyOnHidden title={t('disclosure.cases.title')}>
        {open === 'new' && <CaseEditor client={client} detail={null} onSaved={(d) => (cases.reload(), setOpen(d.case.id))} />}
        {open !== null && open !== 'new' && <CaseDrawer client={client} id={open} onChanged={cases.reload} />}
      </Drawer>
    </Space>
  );
}

function CaseEditor({ client, detail, onSaved }: { client: Client; detail: CaseDetail | null; onSaved: (d: CaseDetail) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const initial: Partial<CaseContent> = detail ? { kind: detail.case.kind, title: detail.case.title, summary: detail.case.summary, body: detail.case.body, keyDomain: detail.case.keyDomain, basis: detail.case.basis } : { kind: 'dishonesty' };
  const save = async (v: CaseContent & { reason?: string }) => {
    setBusy(true);
    setError(undefined);
    const content: CaseContent = { kind: v.kind, title: v.title, summary: v.summary, body: v.body, keyDomain: v.keyDomain ?? null, basis: v.basis?.trim() ? v.basis : null };
    try {
      const saved = detail ? await client.updateCase(detail.case.id, { content, reason: v.reason ?? '', expectedVersion: detail.case.version }) : await client.createCase(content);
      void message.success(t('disclosure.cases.saved'));
      onSaved(saved);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<CaseContent & { reason?: string }> layout="vertical" initialValues={initial} onFinish={save}>
      <Form.Item name="kind" label={t('disclosure.cases.kind')} rules={[{ required: true }]}>
        <Select options={(['dishonesty', 'integrity'] as const).map((k) => ({ value: k, label: t(`portal.cases.kind.${k}` as MessageKey) }))} />
      </Form.Item>
      <Form.Item name="title" label={t('disclosure.cases.caseTitle')} rules={[{ required: true, min: 2 }]}>
        <Input data-testid="case-title" maxLength={200} />
      </Form.Item>
      <Form.Item name="summary" label={t('disclosure.cases.summary')} rules={[{ required: true, min: 2 }]}>
        <Input.TextArea data-testid="case-summary" rows={2} maxLength={500} />
      </Form.Item>
      <Form.Item name="body" label={t('disclosure.cases.body')} rules={[{ required: true, min: 2 }]}>
        <Input.TextArea data-testid="case-body-input" rows={8} maxLength={20000} />
      </Form.Item>
      <Form.Item name="keyDomain" label={t('disclosure.cases.keyDomain')}>
        <Select allowClear options={KEY_DOMAINS.map((d) => ({ value: d, label: d }))} />
      </Form.Item>
      <Form.Item name="basis" label={t('disclosure.cases.basis')}>
        <Input maxLength={1000} />
      </Form.Item>
      {detail && (
        <Form.Item name="reason" label={t('disclosure.cases.reason')} rules={[{ required: true, min: 2 }]}>
          <Input data-testid="case-reason" maxLength={500} />
        </Form.Item>
      )}
      {error !== undefined && <Alert type="error" showIcon message={describeError(error, t)} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" loading={busy} data-testid="case-save">
        {t('disclosure.cases.save')}
      </Button>
    </Form>
  );
}

function CaseDrawer({ client, id, onChanged }: { client: Client; id: string; onChanged: () => void }) {
  const { t, formatInstant } = useI18n();
  const { user } = useAuth();
  const detail = useApiData(() => client.getCase(id));
  const [error, setError] = useState<unknown>(undefined);
  const [note, setNote] = useState('');
  const [editing, setEditing] = useState(false);
  const act = async (work: () => Promise<CaseDetail>) => {
    setError(undefined);
    try {
      await work();
      detail.reload();
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  const d = detail.data;
  if (!d) return detail.error !== undefined ? <Alert type="error" showIcon message={describeError(detail.error, t)} /> : null;
  const c = d.case;
  if (editing) return <CaseEditor client={client} detail={d} onSaved={() => (setEditing(false), detail.reload(), onChanged())} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('disclosure.cases.caseTitle')}>{c.title}</Descriptions.Item>
        <Descriptions.Item label={t('disclosure.cases.status')}>
          <Tag color={STATUS_COLOURS[c.status]} data-testid="case-status">
            {t(`disclosure.cases.status.${c.status}` as MessageKey)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('disclosure.cases.version')}>{c.version}</Descriptions.Item>
        <Descriptions.Item label={t('disclosure.cases.publishedVersion')}>{c.publishedVersion ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('disclosure.cases.summary')}>{c.summary}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.body}</Typography.Paragraph>
      {error !== undefined && <Alert type="error" showIcon message={describeError(error, t)} />}
      <Space wrap>
        {c.status !== 'in_review' && <Button onClick={() => setEditing(true)}>{t('disclosure.cases.edit')}</Button>}
        {c.status === 'draft' && (
          <Button type="primary" onClick={() => act(() => client.submitCase(c.id, c.version))} data-testid="case-submit">
            {t('disclosure.cases.submit')}
          </Button>
        )}
      </Space>
      {c.status === 'in_review' && hasPermission(user, 'disclosure:review') && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.TextArea rows={2} placeholder={t('disclosure.cases.note')} value={note} onChange={(e) => setNote(e.target.value)} data-testid="case-note" />
          <Space>
            <Button type="primary" disabled={!note.trim()} onClick={() => act(() => client.reviewCase(c.id, { outcome: 'publish', note, expectedVersion: c.version }))} data-testid="case-publish">
              {t('disclosure.cases.publish')}
            </Button>
            <Button danger disabled={!note.trim()} onClick={() => act(() => client.reviewCase(c.id, { outcome: 'return', note, expectedVersion: c.version }))}>
              {t('disclosure.cases.return')}
            </Button>
          </Space>
        </Space>
      )}
      <Typography.Title level={5}>{t('disclosure.cases.history')}</Typography.Title>
      <Timeline
        items={[
          ...d.versions.map((v) => ({ key: `v${v.version}`, children: `v${v.version} · ${formatInstant(v.changedAt)} · ${v.reason}` })),
          ...d.events.filter((e) => e.action !== 'create' && e.action !== 'update').map((e, i) => ({ key: `e${i}`, color: 'gray', children: `${e.action} v${e.version} · ${formatInstant(e.at)}${e.note ? ` · ${e.note}` : ''}` })),
        ]}
      />
    </Space>
  );
}
