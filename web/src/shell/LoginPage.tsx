import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography, theme } from 'antd';
import { KeyOutlined, LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { describeError } from '../api/ApiProvider.tsx';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { detourFor, FullPageSpin, useAuth } from './auth.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { RealNameLoginButton } from '../citizen/index.tsx';
import { Link, Navigate, safeNextPath, useLocation } from './router.tsx';

interface LoginForm {
  username: string;
  password: string;
  /** Asked for only after the server answered `auth.otp_required`. */
  otp?: string;
}

export function LoginPage() {
  const { t } = useI18n();
  const { state, login } = useAuth();
  const { search } = useLocation();
  const { token } = theme.useToken();
  // A failed real-name login comes back from the server's callback with its reason.
  const [error, setError] = useState<string | null>(() => new URLSearchParams(search).get('oidcError'));
  const [submitting, setSubmitting] = useState(false);
  /** The server's request for a TOTP code (its message), once the password was right. */
  const [otpPrompt, setOtpPrompt] = useState<string | null>(null);
  const next = safeNextPath(new URLSearchParams(search).get('next'), '/admin');

  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status === 'authenticated') return <Navigate to={detourFor(state.user, next) ?? next} />;

  const onFinish = async ({ username, password, otp }: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(username, password, otpPrompt === null ? undefined : otp);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'auth.otp_required') {
        setOtpPrompt(describeError(e, t));
      } else {
        // 401 wrong credentials or code, 423 locked, 429 too many attempts: the server's detail says which.
        const rateLimited = e instanceof ApiError && e.status === 429 && !e.problem?.detail;
        setError(rateLimited ? t('login.rateLimited') : describeError(e, t));
      }
      setSubmitting(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', background: token.colorBgLayout }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', padding: '16px 24px' }}>
        <Link to="/">{t('login.backToPortal')}</Link>
        <LanguageSwitch />
      </div>
      <div style={{ flex: 1, display: 'grid', placeItems: 'center', padding: 24 }}>
        <Card style={{ width: '100%', maxWidth: 400 }}>
          <div style={{ textAlign: 'center', marginBottom: 24 }}>
            <SafetyCertificateOutlined style={{ fontSize: 40, color: token.colorPrimary }} />
            <Typography.Title level={4} style={{ marginTop: 12, marginBottom: 4 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
          </div>
          {error && <Alert data-testid="login-error" type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          {otpPrompt && !error && <Alert data-testid="login-otp-prompt" type="info" showIcon title={otpPrompt} style={{ marginBottom: 16 }} />}
          <Form<LoginForm> layout="vertical" requiredMark={false} onFinish={onFinish} disabled={submitting}>
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            {otpPrompt !== null && (
              <Form.Item
                name="otp"
                label={t('login.otp')}
                extra={t('login.otpHelp')}
                rules={[
                  { required: true, message: t('login.otpRequired') },
                  { pattern: /^[0-9]{6}$/, message: t('login.otpFormat') },
                ]}
              >
                <Input
                  prefix={<KeyOutlined />}
                  autoComplete="one-time-code"
                  inputMode="numeric"
                  maxLength={6}
                  autoFocus
                  data-testid="login-otp"
                />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
          <RealNameLoginButton />
        </Card>
      </div>
    </div>
  );
}
