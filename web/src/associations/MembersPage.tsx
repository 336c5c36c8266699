import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Space, Table, Tag } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { describeError, useApi } from '../api/ApiProvider.tsx';
import { placeUnderFields } from '../components/problemFields.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { useReloadOnChange } from '../components/useReloadOnChange.ts';
import { useI18n } from '../i18n/index.tsx';
import { hasPermission, useAuth } from '../shell/auth.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { associationsApi, type AssociationMember, type MemberInput } from './api.ts';

const PAGE_SIZE = 20;
const FIELDS = ['code', 'name', 'memberNumber', 'joinedOn', 'leftOn'] as const;
type MemberForm = { code: string; name: string; memberNumber?: string; joinedOn?: string; leftOn?: string };

/**
 * `/admin/associations/members` (associations:read): an industry association's member register.
 * Operators register members and record leaving; only current members can be the subject of the
 * association's records (the server refuses other rows one by one).
 */
export function MembersPage() {
  const api = useApi();
  const client = useMemo(() => associationsApi(api), [api]);
  const { t } = useI18n();
  const { user } = useAuth();
  const { message } = App.useApp();
  const canManage = hasPermission(user, 'associations:manage');
  const [page, setPage] = useState(1);
  const members = useApiData(() => client.members(PAGE_SIZE, (page - 1) * PAGE_SIZE));
  useReloadOnChange(members.reload, [page]);
  const [form] = Form.useForm<MemberForm>();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async (values: MemberForm) => {
    setSaving(true);
    setProblem(null);
    const input: MemberInput = { code: values.code.trim(), name: values.name.trim() };
    if (values.memberNumber) input.memberNumber = values.memberNumber.trim();
    if (values.joinedOn) input.joinedOn = values.joinedOn.trim();
    if (values.leftOn) input.leftOn = values.leftOn.trim();
    try {
      const result = await client.register([input]);
      message.success(t('associations.saved', result));
      form.resetFields();
      members.reload();
    } catch (error) {
      if (placeUnderFields(form, error, FIELDS)) setProblem(describeError(error, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader title={t('associations.title')} subtitle={t('associations.subtitle')} />
      {canManage && (
        <Card size="small" title={t('associations.add')}>
          {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} data-testid="members-problem" />}
          <Form form={form} layout="inline" onFinish={save} id="member-form">
            <Form.Item name="code" label={t('associations.code')} rules={[{ required: true }]}>
              <Input id="member-code" style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="name" label={t('associations.name')} rules={[{ required: true }]}>
              <Input id="member-name" style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="memberNumber" label={t('associations.memberNumber')}>
              <Input id="member-number" style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="joinedOn" label={t('associations.joinedOn')}>
              <Input id="member-joined" placeholder={t('associations.datePlaceholder')} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="leftOn" label={t('associations.leftOn')}>
              <Input id="member-left" placeholder={t('associations.datePlaceholder')} style={{ width: 120 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" icon={<UserAddOutlined />} loading={saving} id="member-submit">
              {t('common.submit')}
            </Button>
          </Form>
        </Card>
      )}
      {members.error !== undefined && <Alert type="error" showIcon message={describeError(members.error, t)} />}
      <Table<AssociationMember>
        rowKey="id"
        loading={members.loading}
        dataSource={members.data?.items ?? []}
        data-testid="members-table"
        pagination={{ current: page, pageSize: PAGE_SIZE, total: members.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('associations.name'), dataIndex: 'subjectName' },
          { title: t('associations.code'), dataIndex: 'subjectCodeMasked' },
          { title: t('associations.memberNumber'), dataIndex: 'memberNumber' },
          { title: t('associations.joinedOn'), dataIndex: 'joinedOn' },
          { title: t('associations.leftOn'), dataIndex: 'leftOn' },
          {
            title: t('associations.status'),
            dataIndex: 'isCurrent',
            render: (current: boolean) => <Tag color={current ? 'green' : 'default'}>{t(current ? 'associations.current' : 'associations.former')}</Tag>,
          },
        ]}
      />
    </Space>
  );
}
