import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, QRCode, Result, Space, Steps, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { describeError, useApi } from '../api/ApiProvider.tsx';
import { ApiError, fieldName, type TwoFactorSetupReply } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { useAuth } from '../shell/auth.tsx';
import { safeNextPath, useLocation, useNavigate } from '../shell/router.tsx';

/** The secret in groups of four, easier to type into an app by hand; apps ignore the spaces. */
function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * `/account/two-factor`: set up TOTP two-factor authentication. A user whose role requires it is
 * sent here after signing in and can do nothing else until it is done (the server enforces that;
 * this page only guides). The secret is shown once, as a QR code and as text.
 */
export function TwoFactorPage() {
  const api = useApi();
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user, updateUser } = useAuth();
  const { search } = useLocation();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ code: string }>();
  const [setup, setSetup] = useState<TwoFactorSetupReply | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  if (!user) return null;
  if (user.twoFactor === 'enabled')
    return <Result data-testid="two-factor-enabled" status="success" title={t('twoFactor.enabledTitle')} subTitle={t('twoFactor.enabledDetail')} />;

  const required = user.twoFactor === 'setup_required';

  const start = async () => {
    setBusy(true);
    setProblem(null);
    try {
      setSetup(await api.startTwoFactorSetup());
      form.resetFields();
    } catch (error) {
      setProblem(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async ({ code }: { code: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      const updated = await api.confirmTwoFactor(code);
      message.success(t('twoFactor.enabledTitle'));
      updateUser(updated);
      navigate(safeNextPath(new URLSearchParams(search).get('next'), '/admin'), { replace: true });
    } catch (error) {
      const codeError = error instanceof ApiError ? error.problem?.errors?.find((e) => fieldName(e.field) === 'code') : undefined;
      if (codeError) form.setFields([{ name: 'code', errors: [codeError.message || describeError(error, t)] }]);
      else setProblem(describeError(error, t));
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 720 }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          <SafetyOutlined /> {t('twoFactor.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t(required ? 'twoFactor.requiredIntro' : 'twoFactor.optionalIntro')}
        </Typography.Paragraph>
      </div>
      {required && <Alert data-testid="two-factor-required" type="warning" showIcon title={t('twoFactor.requiredNotice')} />}
      {problem && <Alert data-testid="two-factor-error" type="error" showIcon title={problem} />}

      {!setup ? (
        <Card>
          <Typography.Paragraph>{t('twoFactor.startHint')}</Typography.Paragraph>
          <Button type="primary" loading={busy} onClick={start} data-testid="two-factor-start">
            {t('twoFactor.start')}
          </Button>
        </Card>
      ) : (
        <Card>
          <Steps
            orientation="vertical"
            current={1}
            items={[
              {
                title: t('twoFactor.scanTitle'),
                content: (
                  <Flex gap="large" wrap align="flex-start" style={{ marginBlock: 12 }}>
                    <QRCode value={setup.otpauthUri} size={176} bordered data-testid="two-factor-qr" aria-label={t('twoFactor.qrLabel')} />
                    <Space orientation="vertical" size="small" style={{ minWidth: 0, flex: 1 }}>
                      <Typography.Text type="secondary">{t('twoFactor.secretLabel')}</Typography.Text>
                      <Typography.Text code copyable={{ text: setup.secret }} style={{ fontSize: 16 }} data-testid="two-factor-secret" data-secret={setup.secret}>
                        {groupedSecret(setup.secret)}
                      </Typography.Text>
                      <Typography.Text type="secondary">{t('twoFactor.uriLabel')}</Typography.Text>
                      <Typography.Text copyable style={{ wordBreak: 'break-all' }} data-testid="two-factor-uri">
                        {setup.otpauthUri}
                      </Typography.Text>
                      <Typography.Text type="warning">{t('twoFactor.secretOnce', { period: setup.period })}</Typography.Text>
                    </Space>
                  </Flex>
                ),
              },
              {
                title: t('twoFactor.codeTitle'),
                content: (
                  <Form<{ code: string }> form={form} layout="inline" onFinish={confirm} disabled={busy} style={{ marginTop: 12 }} requiredMark={false}>
                    <Form.Item
                      name="code"
                      label={t('twoFactor.code')}
                      rules={[
                        { required: true, message: t('login.otpRequired') },
                        { pattern: /^[0-9]{6}$/, message: t('login.otpFormat') },
                      ]}
                    >
                      <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} style={{ width: 140 }} data-testid="two-factor-code" />
                    </Form.Item>
                    <Form.Item>
                      <Button type="primary" htmlType="submit" loading={busy} data-testid="two-factor-confirm">
                        {t('twoFactor.confirm')}
                      </Button>
                    </Form.Item>
                    <Form.Item>
                      <Button onClick={start} disabled={busy} data-testid="two-factor-restart">
                        {t('twoFactor.restart')}
                      </Button>
                    </Form.Item>
                  </Form>
                ),
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
