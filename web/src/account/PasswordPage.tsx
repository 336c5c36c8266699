import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { describeError, useApi } from '../api/ApiProvider.tsx';
import type { PasswordChangeBody } from '../api/client.ts';
import { placeUnderFields } from '../components/problemFields.ts';
import { useI18n } from '../i18n/index.tsx';

type FormValues = PasswordChangeBody & { repeatPassword: string };
const SERVER_FIELDS: readonly string[] = ['currentPassword', 'newPassword'];

/**
 * `/account/password`: the signed-in user changes their own password. The server checks the
 * current one and the password policy (its messages land under the fields) and signs out the
 * user's other sessions; this one stays.
 */
export function PasswordPage() {
  const api = useApi();
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const submit = async ({ currentPassword, newPassword }: FormValues) => {
    setSubmitting(true);
    setProblem(null);
    setDone(null);
    try {
      const { revokedSessions } = await api.changePassword({ currentPassword, newPassword });
      const text = t('password.changed', { count: revokedSessions });
      message.success(text);
      setDone(text);
      form.resetFields();
    } catch (error) {
      if (placeUnderFields(form, error, SERVER_FIELDS)) setProblem(describeError(error, t));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 520 }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          <KeyOutlined /> {t('password.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('password.intro')}
        </Typography.Paragraph>
      </div>
      {problem && <Alert data-testid="password-error" type="error" showIcon title={problem} />}
      {done && <Alert data-testid="password-changed" type="success" showIcon title={done} />}
      <Card>
        <Form<FormValues> form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={submitting}>
          <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.currentRequired') }]}>
            <Input.Password autoComplete="current-password" data-testid="password-current" />
          </Form.Item>
          <Form.Item name="newPassword" label={t('password.new')} extra={t('password.newHelp')} rules={[{ required: true, message: t('password.newRequired') }]}>
            <Input.Password autoComplete="new-password" data-testid="password-new" />
          </Form.Item>
          <Form.Item
            name="repeatPassword"
            label={t('password.repeat')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('password.repeatRequired') },
              ({ getFieldValue }) => ({
                validator: (_, value) => (!value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-repeat" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={submitting} data-testid="password-submit">
            {t('password.submit')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
