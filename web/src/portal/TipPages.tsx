import { useMemo, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Select, Space, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { describeError, useApi } from '../api/ApiProvider.tsx';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { fileToBase64, portalApi, type TipReceipt, type TipStatus } from './api.ts';
import { PortalFrame } from './PortalFrame.tsx';

interface TipForm {
  subject: string;
  description: string;
  departmentId: string;
  reporterName?: string;
  reporterContact?: string;
}

/** `/tips/new`: the public whistleblowing form; answers with the tracking number and the lookup code (shown once). */
export function TipFormPage() {
  const { t } = useI18n();
  const api = useApi();
  const client = useMemo(() => portalApi(api), [api]);
  const departments = useApiData(() => client.departments());
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [receipt, setReceipt] = useState<TipReceipt | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (values: TipForm) => {
    setBusy(true);
    setError(undefined);
    try {
      const attachments = await Promise.all(files.map(async (f) => ({ fileName: f.name, contentBase64: await fileToBase64(f.originFileObj as Blob) })));
      setReceipt(
        await client.submitTip({
          subject: values.subject,
          description: values.description,
          departmentId: values.departmentId,
          ...(values.reporterName?.trim() ? { reporterName: values.reporterName.trim() } : {}),
          ...(values.reporterContact?.trim() ? { reporterContact: values.reporterContact.trim() } : {}),
          ...(attachments.length > 0 ? { attachments } : {}),
        }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <PortalFrame title={t('portal.tip.title')} subtitle={t('portal.tip.subtitle')} width={760}>
      {receipt ? (
        <Result
          status="success"
          title={t('portal.tip.received')}
          subTitle={t('portal.tip.receivedText')}
          extra={
            <Descriptions column={1} bordered size="small" data-testid="tip-receipt">
              <Descriptions.Item label={t('portal.tip.number')}>
                <span data-testid="tip-number">{receipt.number}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('portal.tip.code')}>
                <span data-testid="tip-code">{receipt.code}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('portal.tip.department')}>{receipt.departmentName}</Descriptions.Item>
            </Descriptions>
          }
        />
      ) : (
        <Card>
          <Form<TipForm> layout="vertical" onFinish={submit}>
            <Form.Item name="subject" label={t('portal.tip.subject')} rules={[{ required: true, min: 2 }]}>
              <Input data-testid="tip-subject" maxLength={200} />
            </Form.Item>
            <Form.Item name="description" label={t('portal.tip.description')} rules={[{ required: true, min: 5 }]}>
              <Input.TextArea data-testid="tip-description" rows={5} maxLength={5000} showCount />
            </Form.Item>
            <Form.Item name="departmentId" label={t('portal.tip.department')} rules={[{ required: true }]}>
              <Select
                data-testid="tip-department"
                showSearch
                optionFilterProp="label"
                loading={departments.loading}
                options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
              />
            </Form.Item>
            <Form.Item name="reporterName" label={t('portal.tip.reporterName')}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="reporterContact" label={t('portal.tip.reporterContact')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item label={t('portal.tip.attachments')}>
              <Upload
                multiple
                maxCount={5}
                accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                fileList={files}
                beforeUpload={() => false}
                onChange={({ fileList }) => setFiles(fileList)}
              >
                <Button icon={<UploadOutlined />} data-testid="tip-files">
                  {t('portal.tip.addFile')}
                </Button>
              </Upload>
            </Form.Item>
            {error !== undefined && <Alert type="error" showIcon message={describeError(error, t)} style={{ marginBottom: 16 }} data-testid="tip-error" />}
            <Button type="primary" htmlType="submit" loading={busy} data-testid="tip-submit">
              {t('portal.tip.submit')}
            </Button>
          </Form>
        </Card>
      )}
    </PortalFrame>
  );
}

/** `/tips/lookup`: status and answer by tracking number and lookup code. */
export function TipLookupPage() {
  const { t, formatInstant } = useI18n();
  const api = useApi();
  const client = useMemo(() => portalApi(api), [api]);
  const [status, setStatus] = useState<TipStatus | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const lookup = async (v: { number: string; code: string }) => {
    setBusy(true);
    setError(undefined);
    setStatus(null);
    try {
      setStatus(await client.lookupTip(v.number.trim(), v.code.trim()));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <PortalFrame title={t('portal.tip.lookupTitle')} width={760}>
      <Card>
        <Form layout="vertical" onFinish={lookup}>
          <Form.Item name="number" label={t('portal.tip.number')} rules={[{ required: true }]}>
            <Input data-testid="lookup-number" autoComplete="off" />
          </Form.Item>
          <Form.Item name="code" label={t('portal.tip.code')} rules={[{ required: true }]}>
            <Input data-testid="lookup-code" autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="lookup-submit">
            {t('portal.tip.lookupSubmit')}
          </Button>
        </Form>
      </Card>
      <Space direction="vertical" style={{ width: '100%', marginTop: 24 }}>
        {error !== undefined && <Alert type="error" showIcon message={describeError(error, t)} />}
        {status && (
          <Descriptions column={1} bordered size="small" data-testid="lookup-result">
            <Descriptions.Item label={t('portal.tip.number')}>{status.number}</Descriptions.Item>
            <Descriptions.Item label={t('portal.tip.subject')}>{status.subject}</Descriptions.Item>
            <Descriptions.Item label={t('portal.tip.department')}>{status.departmentName}</Descriptions.Item>
            <Descriptions.Item label={t('portal.tip.receivedOn')}>{status.receivedOn}</Descriptions.Item>
            <Descriptions.Item label={t('portal.tip.status')}>
              <span data-testid="lookup-status">{t(`portal.tip.status.${status.status}` as MessageKey)}</span>
            </Descriptions.Item>
            {status.answer && (
              <Descriptions.Item label={t('portal.tip.answer')}>
                <span data-testid="lookup-answer" style={{ whiteSpace: 'pre-wrap' }}>
                  {status.answer}
                </span>
              </Descriptions.Item>
            )}
            {status.answeredAt && <Descriptions.Item label={t('portal.tip.answeredAt')}>{formatInstant(status.answeredAt)}</Descriptions.Item>}
          </Descriptions>
        )}
      </Space>
    </PortalFrame>
  );
}
