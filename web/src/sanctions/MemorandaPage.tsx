import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { describeError } from '../api/ApiProvider.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
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
  const error = memoranda.error ?? measures.error;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader title={t('sanctions.memoranda.title')} subtitle={t('sanctions.memoranda.subtitle')} />
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
