import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { describeError, useApi } from '../api/ApiProvider.tsx';
import type { Department, NewUser, Role } from '../api/client.ts';
import { placeUnderFields } from '../components/problemFields.ts';
import { useI18n } from '../i18n/index.tsx';
import { ALL_ROLES, NEEDS_DEPARTMENT, ROLE_LABELS } from '../shell/roles.ts';

type FormValues = Required<NewUser>;
const FORM_FIELDS: readonly (keyof FormValues)[] = ['username', 'displayName', 'role', 'departmentId', 'organizationCode', 'password'];

interface Props {
  open: boolean;
  departments: readonly Department[];
  onClose(): void;
  onCreated(): void;
}

/** Creates a user with `POST /api/v1/users`; the server's per-field errors land under their fields. */
export function AddUserModal({ open, departments, onClose, onCreated }: Props) {
  const api = useApi();
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const role = Form.useWatch('role', form) as Role | undefined;
  const [problem, setProblem] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const needsDepartment = role !== undefined && NEEDS_DEPARTMENT[role];

  const submit = async () => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    setSubmitting(true);
    setProblem(null);
    try {
      const { departmentId, organizationCode, ...rest } = values;
      const body: NewUser = {
        ...rest,
        ...(needsDepartment ? { departmentId } : {}),
        // A bank's, employer's or credit agency's system: the organization its authorized queries are for.
        ...(role === 'api_client' && organizationCode?.trim() ? { organizationCode: organizationCode.trim().toUpperCase() } : {}),
      };
      const created = await api.createUser(body);
      message.success(t('users.created', { username: created.username }));
      form.resetFields();
      onCreated();
    } catch (error) {
      // The field messages say it all when every error sits under its field; otherwise show the server's detail.
      if (placeUnderFields(form, error, FORM_FIELDS)) setProblem(describeError(error, t));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('users.add')}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onOk={submit}
      onCancel={onClose}
      afterClose={() => {
        form.resetFields();
        setProblem(null);
      }}
      forceRender
    >
      {problem && <Alert data-testid="add-user-error" type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form<FormValues> form={form} layout="vertical" disabled={submitting} preserve={false}>
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={t('users.usernameHelp')}
          rules={[
            { required: true, message: t('users.usernameRequired') },
            { pattern: /^[a-zA-Z0-9_.-]{3,64}$/, message: t('users.usernameInvalid') },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, max: 64, message: t('users.displayNameRequired') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('users.roleRequired') }]}>
          <Select options={ALL_ROLES.map((r) => ({ value: r, label: t(ROLE_LABELS[r]) }))} />
        </Form.Item>
        {needsDepartment && (
          <Form.Item name="departmentId" label={t('users.department')} rules={[{ required: true, message: t('users.departmentRequired') }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={departments.map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
        )}
        {role === 'api_client' && (
          <Form.Item name="organizationCode" label={t('users.organizationCode')} extra={t('users.organizationCodeHelp')}>
            <Input autoComplete="off" maxLength={18} data-testid="add-user-organization-code" />
          </Form.Item>
        )}
        <Form.Item name="password" label={t('users.password')} rules={[{ required: true, message: t('users.passwordRequired') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
