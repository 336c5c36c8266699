import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Divider, Form, Input, Layout, Result, Space, Typography, Upload, theme } from 'antd';
import { SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import { describeError, useApi } from '../api/ApiProvider.tsx';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { LanguageSwitch } from '../shell/LanguageSwitch.tsx';
import { Link } from '../shell/router.tsx';
import { reportsApi, verifyFile, type VerifyReply } from './api.ts';

/** `/verify`: anyone checks a presented credit report by number and code, or by its file (no login). */
export function VerifyReportPage() {
  const { t, formatInstant, apiLanguage } = useI18n();
  const api = reportsApi(useApi());
  const { token } = theme.useToken();
  const [reply, setReply] = useState<VerifyReply | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<VerifyReply>) => {
    setBusy(true);
    setError(undefined);
    setReply(null);
    try {
      setReply(await work());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 24 }}>
        <SafetyCertificateOutlined style={{ fontSize: 22, color: token.colorPrimary }} />
        <Link to="/" style={{ color: '#fff', fontSize: 17, flex: 1 }}>
          {t('app.name')}
        </Link>
        <LanguageSwitch ghost />
      </Layout.Header>
      <Layout.Content style={{ maxWidth: 720, width: '100%', margin: '0 auto', padding: '32px 24px' }}>
        <Typography.Title level={2}>{t('reports.verify.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('reports.verify.subtitle')}</Typography.Paragraph>
        <Card>
          <Form layout="vertical" onFinish={(v: { number: string; code: string }) => run(() => api.verifyByCode(v.number.trim(), v.code.trim()))}>
            <Form.Item name="number" label={t('reports.verify.number')} rules={[{ required: true }]}>
              <Input data-testid="verify-number" autoComplete="off" />
            </Form.Item>
            <Form.Item name="code" label={t('reports.verify.code')} rules={[{ required: true }]}>
              <Input data-testid="verify-code" autoComplete="off" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="verify-submit">
              {t('reports.verify.submit')}
            </Button>
          </Form>
          <Divider />
          <Upload
            accept=".pdf,.json,application/pdf,application/json"
            showUploadList={false}
            beforeUpload={(file) => {
              void run(() => verifyFile(file, apiLanguage));
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="verify-upload">
              {t('reports.verify.upload')}
            </Button>
          </Upload>
        </Card>
        <Space orientation="vertical" style={{ width: '100%', marginTop: 24 }}>
          {error !== undefined && <Alert type="error" showIcon title={describeError(error, t)} />}
          {reply && (
            <Result
              data-testid="verify-result"
              status={reply.valid ? 'success' : 'error'}
              title={reply.valid ? t('reports.verify.valid') : t('reports.verify.invalid')}
              subTitle={reply.reason ? t(`reports.verify.reason.${reply.reason}` as MessageKey) : undefined}
              extra={
                reply.valid && (
                  <Descriptions column={1} bordered size="small">
                    <Descriptions.Item label={t('reports.verify.number')}>{reply.number}</Descriptions.Item>
                    <Descriptions.Item label={t('reports.verify.type')}>{t(reply.type === 'professional' ? 'reports.verify.professional' : 'reports.verify.personal')}</Descriptions.Item>
                    <Descriptions.Item label={t('reports.verify.issuedAt')}>{reply.issuedAt ? formatInstant(reply.issuedAt) : '—'}</Descriptions.Item>
                    <Descriptions.Item label={t('reports.verify.subject')}>{`${reply.subjectNameMasked ?? ''} ${reply.subjectCodeMasked ?? ''}`}</Descriptions.Item>
                  </Descriptions>
                )
              }
            />
          )}
        </Space>
      </Layout.Content>
    </Layout>
  );
}
