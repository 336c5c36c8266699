import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Space, Table, Typography } from 'antd';
import { describeError } from '../api/ApiProvider.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { placeProblems, problemsOf } from '../components/problemFields.ts';
import { useUserNames } from '../components/useUserNames.ts';
import { useI18n } from '../i18n/index.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { useAuditApi, type RetentionSetting } from './api.ts';

interface ChangeForm {
  days: number;
  reason?: string;
}

/** `/admin/audit/retention`: how long the access log is kept (《网络安全法》Art. 21: at least six months). */
export function RetentionPage() {
  const audit = useAuditApi();
  const { t, formatInstant, formatNumber } = useI18n();
  const { message } = App.useApp();
  const nameOf = useUserNames();
  const retention = useApiData(audit.retention);
  const [form] = Form.useForm<ChangeForm>();
  const days = Form.useWatch('days', form);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const data = retention.data;
  const shortening = data !== undefined && typeof days === 'number' && days < data.current.days;

  const submit = async (values: ChangeForm) => {
    setSaving(true);
    setRefusal(null);
    try {
      await audit.changeRetention(values.days, values.reason ?? '');
      message.success(t('audit.retention.saved', { days: values.days }));
      form.resetFields();
      retention.reload();
    } catch (error) {
      // Below the legal minimum the server answers with its own (Chinese) message: show it as is.
      const problems = problemsOf(error);
      const unplaced = placeProblems(form, problems, (path) => (path[0] === 'days' || path[0] === 'reason' ? [path[0]] : null));
      if (problems.length === 0 || unplaced.length > 0) setRefusal(describeError(error, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader title={t('audit.retention.title')} subtitle={t('audit.retention.subtitle')} />
      {retention.error !== undefined && <Alert type="error" showIcon title={describeError(retention.error, t)} />}

      {data && (
        <Card title={t('audit.retention.currentTitle')}>
          <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
            <Descriptions.Item label={t('audit.retention.current')}>
              <Typography.Text strong data-testid="retention-current" data-value={data.current.days}>
                {t('audit.retention.daysValue', { days: formatNumber(data.current.days) })}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.retention.minimum')}>
              <span data-testid="retention-minimum" data-value={data.legalMinimumDays}>
                {t('audit.retention.daysValue', { days: formatNumber(data.legalMinimumDays) })}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.retention.basis')} span={2}>
              {t('audit.retention.basisText')}
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.retention.changedAt')}>
              {formatInstant(data.current.changedAt)} · {nameOf(data.current.changedBy) ?? t('audit.system')}
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.retention.pastRetention')}>
              {t('audit.retention.pastRetentionValue', { count: formatNumber(data.entriesPastRetention.count), cutoff: formatInstant(data.entriesPastRetention.cutoff) })}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}

      {data && (
        <Card title={t('audit.retention.changeTitle')}>
          {refusal && <Alert data-testid="retention-error" type="error" showIcon title={refusal} style={{ marginBottom: 16 }} />}
          <Form<ChangeForm> form={form} layout="vertical" onFinish={submit} disabled={saving} style={{ maxWidth: 560 }}>
            <Form.Item
              name="days"
              label={t('audit.retention.newDays')}
              extra={t('audit.retention.newDaysHelp', { minimum: data.legalMinimumDays })}
              rules={[{ required: true, message: t('audit.retention.daysRequired') }]}
            >
              <InputNumber min={1} max={36_500} precision={0} style={{ width: 200 }} suffix={t('audit.retention.daysUnit')} data-testid="retention-days" />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('audit.retention.reason')}
              extra={t(shortening ? 'audit.retention.reasonRequiredHelp' : 'audit.retention.reasonHelp')}
              rules={[{ required: shortening, whitespace: true, min: 2, message: t('audit.retention.reasonRequired') }]}
            >
              <Input.TextArea rows={2} maxLength={500} showCount data-testid="retention-reason" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="retention-submit">
              {t('audit.retention.submit')}
            </Button>
          </Form>
        </Card>
      )}

      {data && (
        <Card title={t('audit.retention.historyTitle')}>
          <Table<RetentionSetting>
            data-testid="retention-history"
            rowKey="id"
            size="small"
            dataSource={data.history}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              { title: t('audit.retention.changedAt'), dataIndex: 'changedAt', render: (at: string) => formatInstant(at) },
              { title: t('audit.retention.days'), dataIndex: 'days', render: (d: number) => t('audit.retention.daysValue', { days: formatNumber(d) }) },
              { title: t('audit.retention.minimumThen'), dataIndex: 'legalMinimumDays', render: (d: number) => t('audit.retention.daysValue', { days: formatNumber(d) }) },
              { title: t('audit.retention.reason'), dataIndex: 'reason', render: (r: string | null) => r ?? '—' },
              { title: t('audit.retention.changedBy'), dataIndex: 'changedBy', render: (id: string | null) => nameOf(id) ?? t('audit.system') },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
