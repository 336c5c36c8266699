import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { describeError } from '../api/ApiProvider.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { placeUnderFields } from '../components/problemFields.ts';
import { useI18n } from '../i18n/index.tsx';
import { hasPermission, useAuth } from '../shell/auth.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { useSanctionsApi, type Measure, type Memorandum, type Scenario } from './api.ts';

interface EditValues {
  name: string;
  matter: string;
  means: string;
  legalBasis: string;
  guidance: string;
  scenarios: string[];
  triggers: string;
  active: boolean;
  reason: string;
}

/** The measure editor: the five elements, scenarios and triggers; saved as a new version with a reason. */
function MeasureEditModal({ measure, scenarios, onClose, onSaved }: { measure: Measure; scenarios: Scenario[]; onClose(): void; onSaved(): void }) {
  const sanctions = useSanctionsApi();
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const [error, setError] = useState<unknown>(undefined);
  const { id: _id, version, seedVersion: _s, updatedAt: _u, updatedBy: _b, code, ...definition } = measure;

  const save = async () => {
    const values = await form.validateFields();
    let triggers: Measure['triggers'];
    try {
      triggers = JSON.parse(values.triggers) as Measure['triggers'];
      if (!Array.isArray(triggers)) throw new Error('not an array');
    } catch {
      form.setFields([{ name: 'triggers', errors: [t('sanctions.memoranda.triggersInvalid')] }]);
      return;
    }
    const { reason, triggers: _t, ...fields } = values;
    try {
      const saved = await sanctions.updateMeasure(code, { ...definition, ...fields, triggers }, reason, version);
      message.success(t('sanctions.memoranda.saved', { version: saved.version }));
      onSaved();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Modal open title={t('sanctions.memoranda.editTitle', { code, version })} onOk={save} onCancel={onClose} width={760} destroyOnHidden>
      {error !== undefined && <Alert type="error" showIcon title={describeError(error, t)} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={{ ...definition, triggers: JSON.stringify(definition.triggers, null, 2), reason: '' }}>
        <Form.Item name="name" label={t('sanctions.memoranda.name')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="matter" label={t('sanctions.check.matter')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="means" label={t('sanctions.check.means')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="legalBasis" label={t('sanctions.check.basis')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="guidance" label={t('sanctions.check.guidance')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="scenarios" label={t('sanctions.memoranda.scenarios')} rules={[{ required: true }]}>
          <Select mode="multiple" options={scenarios.map((s) => ({ value: s.code, label: s.name }))} />
        </Form.Item>
        <Form.Item name="triggers" label={t('sanctions.memoranda.triggers')} rules={[{ required: true }]}>
          <Input.TextArea rows={6} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="active" label={t('sanctions.memoranda.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="reason" label={t('sanctions.memoranda.reason')} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface NewMemorandumValues {
  code: string;
  name: string;
  documentNumber: string;
  issuedOn?: string;
  kind: Memorandum['kind'];
  signingDepartments: string[];
  sources: string;
  notes?: string;
  reason: string;
}

const lines = (text: string | undefined) => (text ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
const MEMORANDUM_FIELDS = ['code', 'name', 'documentNumber', 'issuedOn', 'kind', 'signingDepartments', 'sources', 'notes', 'reason'];

/** A new memorandum (合作备忘录): its document, signing departments and sources (its measures: `POST /api/v1/sanctions/measures`). */
function NewMemorandumModal({ onClose, onSaved }: { onClose(): void; onSaved(): void }) {
  const sanctions = useSanctionsApi();
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewMemorandumValues>();
  const [problem, setProblem] = useState<string | null>(null);

  const save = async () => {
    const values = await form.validateFields();
    setProblem(null);
    const { reason, issuedOn, sources, notes, ...rest } = values;
    try {
      const saved = await sanctions.createMemorandum({ ...rest, issuedOn: issuedOn?.trim() || null, sources: lines(sources), notes: lines(notes), active: true }, reason);
      message.success(t('sanctions.memoranda.created', { code: saved.code }));
      onSaved();
    } catch (error) {
      if (placeUnderFields(form, error, MEMORANDUM_FIELDS)) setProblem(describeError(error, t));
    }
  };

  return (
    <Modal open title={t('sanctions.memoranda.newTitle')} onOk={save} onCancel={onClose} width={720} destroyOnHidden okButtonProps={{ id: 'memorandum-save' }}>
      {problem !== null && <Alert data-testid="memorandum-error" type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={{ kind: 'local', signingDepartments: [] }}>
        <Form.Item name="code" label={t('sanctions.memoranda.code')} rules={[{ required: true, pattern: /^[A-Za-z][A-Za-z0-9_]*$/, message: t('sanctions.memoranda.codeRule') }]}>
          <Input id="memorandum-code" maxLength={64} />
        </Form.Item>
        <Form.Item name="name" label={t('sanctions.dashboard.name')} rules={[{ required: true }]}>
          <Input id="memorandum-name" maxLength={300} />
        </Form.Item>
        <Form.Item name="documentNumber" label={t('sanctions.memoranda.documentNumber')} rules={[{ required: true }]}>
          <Input id="memorandum-document" maxLength={100} placeholder="济发改财金〔2026〕1号" />
        </Form.Item>
        <Form.Item name="issuedOn" label={t('sanctions.memoranda.issuedOn')}>
          <Input id="memorandum-issued" maxLength={10} placeholder="YYYY-MM-DD" />
        </Form.Item>
        <Form.Item name="kind" label={t('sanctions.memoranda.kind')} rules={[{ required: true }]}>
          <Select options={(['memorandum', 'framework', 'local'] as const).map((k) => ({ value: k, label: t(`sanctions.memoranda.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="signingDepartments" label={t('sanctions.memoranda.signingDepartments')}>
          <Select id="memorandum-signing" mode="tags" tokenSeparators={['、', ',', '，']} />
        </Form.Item>
        <Form.Item name="sources" label={t('sanctions.memoranda.sources')} rules={[{ required: true }]}>
          <Input.TextArea id="memorandum-sources" rows={2} />
        </Form.Item>
        <Form.Item name="notes" label={t('sanctions.memoranda.notes')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="reason" label={t('sanctions.memoranda.createReason')} rules={[{ required: true, min: 2 }]}>
          <Input id="memorandum-reason" maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** `/admin/sanctions/memoranda` (sanctions:read; editing with sanctions:manage): the memoranda and their measures. */
export function MemorandaPage() {
  const sanctions = useSanctionsApi();
  const { t } = useI18n();
  const { user } = useAuth();
  const canEdit = hasPermission(user, 'sanctions:manage');
  const memoranda = useApiData(sanctions.memoranda);
  const measures = useApiData(sanctions.measures);
  const scenarios = useApiData(sanctions.scenarios);
  const [editing, setEditing] = useState<Measure | null>(null);
  const [adding, setAdding] = useState(false);
  const error = memoranda.error ?? measures.error;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader
        title={t('sanctions.memoranda.title')}
        subtitle={t('sanctions.memoranda.subtitle')}
        extra={
          canEdit && (
            <Button id="memorandum-new" type="primary" onClick={() => setAdding(true)}>
              {t('sanctions.memoranda.new')}
            </Button>
          )
        }
      />
      {error !== undefined && <Alert type="error" showIcon title={describeError(error, t)} />}
      <Table<Memorandum>
        rowKey="code"
        data-testid="sanctions-memoranda"
        loading={memoranda.data === undefined || measures.data === undefined}
        dataSource={memoranda.data?.items ?? []}
        pagination={false}
        expandable={{
          expandedRowRender: (memo) => (
            <Table<Measure>
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={(measures.data?.items ?? []).filter((m) => m.memorandumCode === memo.code)}
              columns={[
                { title: t('sanctions.memoranda.name'), render: (_, m) => <Tag color={m.kind === 'punishment' ? 'red' : 'green'}>{m.name}</Tag> },
                { title: t('sanctions.check.department'), render: (_, m) => m.implementingDepartment.name },
                { title: t('sanctions.memoranda.scenarios'), render: (_, m) => m.scenarios.map((s) => scenarios.data?.find((x) => x.code === s)?.name ?? s).join('、') },
                { title: 'v', dataIndex: 'version' },
                {
                  title: '',
                  render: (_, m) =>
                    canEdit && (
                      <Button size="small" onClick={() => setEditing(m)}>
                        {t('sanctions.memoranda.edit')}
                      </Button>
                    ),
                },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('sanctions.dashboard.name'), dataIndex: 'name' },
          { title: t('sanctions.memoranda.documentNumber'), dataIndex: 'documentNumber' },
          { title: '', render: (_, m) => <Typography.Text type="secondary">{t('sanctions.memoranda.signing', { count: m.signingDepartments.length })}</Typography.Text> },
        ]}
      />
      {adding && (
        <NewMemorandumModal
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            memoranda.reload();
          }}
        />
      )}
      {editing && (
        <MeasureEditModal
          measure={editing}
          scenarios={scenarios.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            measures.reload();
          }}
        />
      )}
    </Space>
  );
}
