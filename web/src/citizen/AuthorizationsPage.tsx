import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Popconfirm, Result, Space, Table, Tag, Typography } from 'antd';
import { describeError } from '../api/ApiProvider.tsx';
import { placeUnderFields } from '../components/problemFields.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { useAuth } from '../shell/auth.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { useCitizenApi, type Authorization, type AuthorizationState, type GrantBody } from './api.ts';

const STATES: Record<AuthorizationState, { label: MessageKey; color: string }> = {
  active: { label: 'authz.state.active', color: 'green' },
  not_yet_valid: { label: 'authz.state.not_yet_valid', color: 'blue' },
  expired: { label: 'authz.state.expired', color: 'default' },
  used_up: { label: 'authz.state.used_up', color: 'orange' },
  revoked: { label: 'authz.state.revoked', color: 'red' },
};

const CATEGORIES = ['basic', 'good', 'bad'] as const;
const CATEGORY_LABELS: Record<(typeof CATEGORIES)[number], MessageKey> = { basic: 'authz.category.basic', good: 'authz.category.good', bad: 'authz.category.bad' };

interface FormValues {
  organizationCode: string;
  organizationName: string;
  purpose: string;
  categories?: (typeof CATEGORIES)[number][];
  validFrom?: string;
  validUntil: string;
  maxUses: number;
}
const FORM_FIELDS: readonly string[] = ['organizationCode', 'organizationName', 'purpose', 'validFrom', 'validUntil', 'maxUses'];

/** `/account/authorizations`: grant an organization queries about me, see each one's uses, revoke at any time. */
export function AuthorizationsPage() {
  const { user } = useAuth();
  const { t } = useI18n();
  const citizen = useCitizenApi();
  const list = useApiData(citizen.authorizations);
  if (!user?.linkedPerson) return <Result status="info" title={t('citizen.notLinked')} />;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader title={t('authz.title')} subtitle={t('authz.subtitle')} />
      <GrantForm onGranted={list.reload} />
      {list.error !== undefined && <Alert type="error" showIcon title={describeError(list.error, t)} />}
      <AuthorizationTable items={list.data ?? []} loading={list.loading} onChanged={list.reload} />
    </Space>
  );
}

function GrantForm({ onGranted }: { onGranted(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const citizen = useCitizenApi();
  const [form] = Form.useForm<FormValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const required = [{ required: true, whitespace: true, message: t('authz.required') }];

  const submit = async (values: FormValues) => {
    setSubmitting(true);
    setProblem(null);
    const { categories, validFrom, ...rest } = values;
    const body: GrantBody = { ...rest, ...(validFrom ? { validFrom } : {}), ...(categories?.length ? { scope: { categories } } : {}) };
    try {
      const granted = await citizen.grant(body);
      message.success(t('authz.granted', { name: granted.organizationName }));
      form.resetFields();
      onGranted();
    } catch (error) {
      if (placeUnderFields(form, error, FORM_FIELDS)) setProblem(describeError(error, t));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Card title={t('authz.grant')}>
      {problem && <Alert data-testid="grant-error" type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form<FormValues> form={form} layout="vertical" disabled={submitting} onFinish={submit} initialValues={{ maxUses: 1 }} data-testid="grant-form">
        <Space wrap align="start" size="middle">
          <Form.Item name="organizationCode" label={t('authz.organizationCode')} rules={required}>
            <Input maxLength={18} style={{ width: 220 }} data-testid="grant-org-code" />
          </Form.Item>
          <Form.Item name="organizationName" label={t('authz.organizationName')} rules={required}>
            <Input maxLength={100} style={{ width: 220 }} data-testid="grant-org-name" />
          </Form.Item>
          <Form.Item name="purpose" label={t('authz.purpose')} rules={required}>
            <Input maxLength={200} style={{ width: 260 }} data-testid="grant-purpose" />
          </Form.Item>
        </Space>
        <Form.Item name="categories" label={t('authz.scope')} extra={t('authz.scopeAll')}>
          <Checkbox.Group options={CATEGORIES.map((c) => ({ value: c, label: t(CATEGORY_LABELS[c]) }))} />
        </Form.Item>
        <Space wrap align="start" size="middle">
          <Form.Item name="validFrom" label={t('authz.validFrom')}>
            <Input placeholder="YYYY-MM-DD" style={{ width: 160 }} data-testid="grant-valid-from" />
          </Form.Item>
          <Form.Item name="validUntil" label={t('authz.validUntil')} rules={required}>
            <Input placeholder="YYYY-MM-DD" style={{ width: 160 }} data-testid="grant-valid-until" />
          </Form.Item>
          <Form.Item name="maxUses" label={t('authz.maxUses')} rules={[{ required: true, message: t('authz.required') }]}>
            <InputNumber min={1} precision={0} style={{ width: 120 }} data-testid="grant-max-uses" />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="grant-submit">
          {t('authz.grant')}
        </Button>
      </Form>
    </Card>
  );
}

function AuthorizationTable({ items, loading, onChanged }: { items: Authorization[]; loading: boolean; onChanged(): void }) {
  const { t, formatInstant } = useI18n();
  const { message } = App.useApp();
  const citizen = useCitizenApi();
  const revoke = async (id: string) => {
    try {
      await citizen.revoke(id);
      message.success(t('authz.revoked'));
    } catch (error) {
      message.error(describeError(error, t));
    }
    onChanged();
  };
  return (
    <Table<Authorization>
      data-testid="authorizations-table"
      rowKey="id"
      loading={loading}
      dataSource={items}
      locale={{ emptyText: t('authz.empty') }}
      scroll={{ x: 'max-content' }}
      pagination={{ pageSize: 20 }}
      columns={[
        { title: t('authz.organizationName'), key: 'org', render: (_, a) => <Space orientation="vertical" size={0}><span>{a.organizationName}</span><Typography.Text type="secondary">{a.organizationCode}</Typography.Text></Space> },
        { title: t('authz.purpose'), dataIndex: 'purpose' },
        { title: t('authz.scope'), key: 'scope', render: (_, a) => (a.scope.categories?.length ? a.scope.categories.map((c) => t(CATEGORY_LABELS[c])).join('、') : t('authz.scopeAll')) },
        { title: `${t('authz.validFrom')} – ${t('authz.validUntil')}`, key: 'validity', render: (_, a) => `${a.validFrom} – ${a.validUntil}` },
        { title: t('authz.uses'), key: 'uses', render: (_, a) => <span data-testid="authorization-uses">{`${a.uses} / ${a.maxUses}`}</span> },
        { title: t('authz.state'), key: 'state', render: (_, a) => <Tag color={STATES[a.state].color} data-testid="authorization-state">{t(STATES[a.state].label)}</Tag> },
        { title: t('authz.id'), key: 'id', render: (_, a) => <Typography.Text copyable={{ text: a.id }} code data-testid="authorization-id">{a.id}</Typography.Text> },
        {
          key: 'actions',
          render: (_, a) =>
            a.state === 'revoked' ? (a.revokedAt ? formatInstant(a.revokedAt) : null) : (
              <Popconfirm title={t('authz.revokeConfirm')} onConfirm={() => revoke(a.id)} okText={t('authz.revoke')} cancelText={t('common.cancel')}>
                <Button danger size="small" data-testid="authorization-revoke">
                  {t('authz.revoke')}
                </Button>
              </Popconfirm>
            ),
        },
      ]}
    />
  );
}
