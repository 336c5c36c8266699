import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Drawer, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { describeError, useApi } from '../api/ApiProvider.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useReloadOnChange } from '../components/useReloadOnChange.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { hasPermission, useAuth } from '../shell/auth.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { LIST_KINDS, listsApi, type Candidates, type EntryDetail, type ListEntry, type ListKind, type ProposeBody } from './api.ts';
import { Deadline, EntryView, StatusTag } from './EntryView.tsx';

const PAGE_SIZE = 20;

type ProposeForm = Omit<ProposeBody, 'recordIds' | 'subjectCode'>;

/**
 * `/admin/lists` (lists:read): the department's list entries with status and deadline; operators
 * propose an entry for a subject code choosing its records, reviewers decide and remove in the
 * entry's drawer.
 */
export function WorkbenchPage() {
  const api = useApi();
  const client = useMemo(() => listsApi(api), [api]);
  const { t, apiLanguage } = useI18n();
  const { user } = useAuth();
  const [page, setPage] = useState(1);
  const [filter, setFilter] = useState<ListKind | undefined>(undefined);
  const entries = useApiData(() => client.entries({ ...(filter ? { list: filter } : {}), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }));
  useReloadOnChange(entries.reload, [page, filter]);
  const [openId, setOpenId] = useState<string | null>(null);

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader title={t('lists.title')} subtitle={t('lists.subtitle')} />
      {hasPermission(user, 'lists:propose') && <ProposeCard client={client} onProposed={(d) => (entries.reload(), setOpenId(d.entry.id))} />}
      {entries.error !== undefined && <Alert type="error" showIcon message={describeError(entries.error, t)} />}
      <Select<ListKind | undefined>
        allowClear
        placeholder={t('lists.list')}
        style={{ width: 220 }}
        value={filter}
        onChange={(v) => (setFilter(v), setPage(1))}
        options={LIST_KINDS.map((k) => ({ value: k, label: t(`lists.kind.${k}` as MessageKey) }))}
      />
      <div data-testid="entries-table">
        <Table<ListEntry>
          rowKey="id"
          loading={entries.loading}
          dataSource={entries.data?.items ?? []}
          onRow={(entry) => ({ onClick: () => setOpenId(entry.id), style: { cursor: 'pointer' }, 'data-testid': `entry-row-${entry.id}` }) as React.HTMLAttributes<HTMLElement>}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: entries.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: t('lists.list'), dataIndex: 'list', render: (list: ListKind) => t(`lists.kind.${list}` as MessageKey) },
            { title: t('lists.subject'), render: (_, e) => `${e.subjectName}（${e.subjectCodeMasked}）` },
            { title: t('lists.category'), render: (_, e) => e.categoryName?.[apiLanguage === 'en' ? 'en' : 'zh'] ?? e.category ?? '' },
            { title: t('lists.status'), render: (_, e) => <StatusTag entry={e} /> },
            { title: t('lists.deadline'), render: (_, e) => <Deadline entry={e} /> },
            { title: t('lists.proposedOn'), dataIndex: 'proposedOn' },
          ]}
        />
      </div>
      <Drawer open={openId !== null} onClose={() => setOpenId(null)} width={640} destroyOnHidden title={t('lists.title')}>
        {openId && <EntryDrawer client={client} id={openId} onChanged={entries.reload} />}
      </Drawer>
    </Space>
  );
}

function ProposeCard({ client, onProposed }: { client: ReturnType<typeof listsApi>; onProposed: (detail: EntryDetail) => void }) {
  const { t, apiLanguage } = useI18n();
  const { message } = App.useApp();
  const options = useApiData(() => client.options());
  const [form] = Form.useForm<ProposeForm>();
  const list = Form.useWatch('list', form) ?? 'serious_dishonesty';
  const category = Form.useWatch('category', form);
  const [code, setCode] = useState('');
  const [candidates, setCandidates] = useState<Candidates | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lang = apiLanguage === 'en' ? 'en' : 'zh';

  const load = async () => {
    setProblem(null);
    setChosen([]);
    try {
      setCandidates(await client.candidates(list, code.trim()));
    } catch (error) {
      setCandidates(null);
      setProblem(describeError(error, t));
    }
  };

  const submit = async (values: ProposeForm) => {
    setBusy(true);
    setProblem(null);
    try {
      const detail = await client.propose({ ...values, subjectCode: code.trim(), recordIds: chosen });
      message.success(t('lists.proposed', { status: t(`lists.status.${detail.entry.status}` as MessageKey) }));
      form.resetFields(['category', 'basis', 'reason', 'measures', 'sourceText', 'validityMonths']);
      setCandidates(null);
      setChosen([]);
      onProposed(detail);
    } catch (error) {
      setProblem(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  const categories =
    list === 'serious_dishonesty' ? options.data?.seriousCategories : list === 'watch' ? options.data?.watchCategories : options.data?.redCases;
  const isRedCase = list === 'red' && category !== undefined;

  return (
    <Card size="small" title={t('lists.propose')}>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} data-testid="propose-problem" />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ list: 'serious_dishonesty' }}>
        <Space wrap align="end">
          <Form.Item name="list" label={t('lists.list')}>
            <Select id="propose-list" style={{ width: 200 }} onChange={() => (setCandidates(null), setChosen([]), form.setFieldValue('category', undefined))} options={LIST_KINDS.map((k) => ({ value: k, label: t(`lists.kind.${k}` as MessageKey) }))} />
          </Form.Item>
          <Form.Item label={t('lists.subjectCode')}>
            <Input id="propose-code" style={{ width: 240 }} value={code} onChange={(e) => setCode(e.target.value)} onPressEnter={(e) => (e.preventDefault(), void load())} />
          </Form.Item>
          <Form.Item>
            <Button id="propose-load" onClick={() => void load()} disabled={code.trim().length < 15}>
              {t('lists.loadRecords')}
            </Button>
          </Form.Item>
        </Space>
        {candidates && (
          <Form.Item label={`${t('lists.records')} — ${candidates.subject.name}（${candidates.subject.codeMasked}）`}>
            <div data-testid="candidate-records">
              <Table
                size="small"
                rowKey="recordId"
                pagination={false}
                locale={{ emptyText: t('lists.noRecords') }}
                dataSource={candidates.records}
                rowSelection={{ selectedRowKeys: chosen, onChange: (keys) => setChosen(keys as string[]), getCheckboxProps: (r) => ({ disabled: r.refusal !== null }) }}
                columns={[
                  { title: t('lists.item'), dataIndex: 'itemName' },
                  { title: t('lists.decisionDate'), dataIndex: 'decisionDate' },
                  { title: t('lists.severity'), dataIndex: 'severity' },
                  { title: t('lists.refusal'), render: (_, r) => (r.refusal ? <Tag>{t(`lists.refusal.${r.refusal}` as MessageKey)}</Tag> : null) },
                ]}
              />
            </div>
          </Form.Item>
        )}
        <Form.Item name="category" label={t('lists.category')} rules={[{ required: list !== 'red' }]}>
          <Select id="propose-category" allowClear style={{ width: 420 }} options={(categories ?? []).map((c) => ({ value: c.code, label: c[lang] }))} />
        </Form.Item>
        <Form.Item name="basis" label={t('lists.basis')} rules={[{ required: true, min: 2 }]}>
          <Input id="propose-basis" />
        </Form.Item>
        <Form.Item name="reason" label={t('lists.reason')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea id="propose-reason" rows={2} />
        </Form.Item>
        {list === 'serious_dishonesty' && (
          <Form.Item name="measures" label={t('lists.measures')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea id="propose-measures" rows={2} />
          </Form.Item>
        )}
        {isRedCase && (
          <Form.Item name="sourceText" label={t('lists.sourceText')} rules={[{ required: true, min: 2 }]}>
            <Input id="propose-source" />
          </Form.Item>
        )}
        <Form.Item name="validityMonths" label={t('lists.validityMonths')}>
          <InputNumber id="propose-validity" min={options.data?.validity[list]?.minMonths} max={options.data?.validity[list]?.maxMonths} placeholder={String(options.data?.validity[list]?.defaultMonths ?? '')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} id="propose-submit" disabled={candidates === null}>
          {t('common.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function EntryDrawer({ client, id, onChanged }: { client: ReturnType<typeof listsApi>; id: string; onChanged: () => void }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const { message } = App.useApp();
  const detail = useApiData(() => client.entry(id));
  const [note, setNote] = useState('');
  const [removal, setRemoval] = useState<'repair' | 'correction' | 'revocation'>('repair');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const entry = detail.data?.entry;
  const canDecide = hasPermission(user, 'lists:decide');

  const act = async (work: () => Promise<EntryDetail>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
      message.success(t('lists.done'));
      setNote('');
      detail.reload();
      onChanged();
    } catch (error) {
      setProblem(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  if (detail.error !== undefined) return <Alert type="error" showIcon message={describeError(detail.error, t)} />;
  if (!detail.data || !entry) return null;
  const pending = entry.status === 'announced' || entry.status === 'notified' || entry.status === 'proposed';
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {canDecide && (pending || entry.status === 'listed') && (
        <Card size="small" data-testid="decision-panel">
          {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} data-testid="decision-problem" />}
          <Input.TextArea id="decision-note" rows={2} placeholder={t('lists.note')} value={note} onChange={(e) => setNote(e.target.value)} style={{ marginBottom: 8 }} />
          {pending ? (
            <Space>
              <Button type="primary" id="decision-list" loading={busy} disabled={note.trim().length < 2} onClick={() => void act(() => client.decide(id, { outcome: 'list', note, version: entry.version }))}>
                {t('lists.decide')}
              </Button>
              <Button danger id="decision-withdraw" loading={busy} disabled={note.trim().length < 2} onClick={() => void act(() => client.decide(id, { outcome: 'withdraw', note, version: entry.version }))}>
                {t('lists.withdraw')}
              </Button>
            </Space>
          ) : (
            <Space>
              <Select
                value={removal}
                onChange={setRemoval}
                style={{ width: 160 }}
                options={(['repair', 'correction', 'revocation'] as const).map((r) => ({ value: r, label: t(`lists.removalReason.${r}`) }))}
              />
              <Button danger id="decision-remove" loading={busy} disabled={note.trim().length < 2} onClick={() => void act(() => client.remove(id, { reason: removal, note, version: entry.version }))}>
                {t('lists.remove')}
              </Button>
            </Space>
          )}
        </Card>
      )}
      <EntryView detail={detail.data} />
    </Space>
  );
}
