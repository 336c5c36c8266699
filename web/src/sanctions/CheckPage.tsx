import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, Select, Space, Typography } from 'antd';
import { describeError } from '../api/ApiProvider.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n } from '../i18n/index.tsx';
import { hasPermission, useAuth } from '../shell/auth.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { useSanctionsApi, type CheckReply } from './api.ts';
import { HitCard } from './HitCard.tsx';

/**
 * `/admin/sanctions/check` (sanctions:check): the counter's check before acting — a code and a
 * scenario in, the measures that apply and what to do out; then what was done (feedback).
 */
export function CheckPage() {
  const sanctions = useSanctionsApi();
  const { t } = useI18n();
  const { user } = useAuth();
  const scenarios = useApiData(sanctions.scenarios);
  const [reply, setReply] = useState<CheckReply | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [feedbackSent, setFeedbackSent] = useState(false);

  const check = async (values: { subject: string; scenario: string }) => {
    setBusy(true);
    setError(undefined);
    setFeedbackSent(false);
    try {
      setReply(await sanctions.check(values.subject.trim(), values.scenario));
    } catch (e) {
      setReply(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const sendFeedback = async (values: { measuresApplied?: string[]; outcome: string }) => {
    if (!reply) return;
    try {
      await sanctions.feedback(reply.decisionId, values.measuresApplied ?? [], values.outcome);
      setFeedbackSent(true);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader title={t('sanctions.check.title')} subtitle={t('sanctions.check.subtitle')} />
      <Card>
        <Form layout="inline" onFinish={check} data-testid="sanctions-check-form">
          <Form.Item name="subject" label={t('sanctions.check.subject')} rules={[{ required: true }]}>
            <Input data-testid="sanctions-subject" style={{ width: 240 }} maxLength={32} allowClear />
          </Form.Item>
          <Form.Item name="scenario" label={t('sanctions.check.scenario')} rules={[{ required: true }]}>
            <Select
              data-testid="sanctions-scenario"
              style={{ width: 200 }}
              loading={scenarios.data === undefined}
              options={(scenarios.data ?? []).map((s) => ({ value: s.code, label: s.name }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="sanctions-check-submit">
            {t('sanctions.check.submit')}
          </Button>
        </Form>
      </Card>
      {error !== undefined && <Alert type="error" showIcon title={describeError(error, t)} data-testid="sanctions-error" />}
      {reply && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="sanctions-result">
          <Typography.Text type="secondary">{t('sanctions.check.decision', { id: reply.decisionId, date: reply.asOf })}</Typography.Text>
          {reply.hits.length === 0 ? (
            <Alert type="success" showIcon title={t('sanctions.check.none')} data-testid="sanctions-none" />
          ) : (
            <>
              <Typography.Title level={5}>{t('sanctions.check.hits', { count: reply.hits.length })}</Typography.Title>
              {reply.hits.map((hit) => (
                <HitCard key={hit.measure.code} hit={hit} />
              ))}
            </>
          )}
          {hasPermission(user, 'sanctions:feedback') && reply.hits.length > 0 && (
            <Card title={t('sanctions.feedback.title')} size="small">
              {feedbackSent ? (
                <Alert type="success" showIcon title={t('sanctions.feedback.done')} data-testid="sanctions-feedback-done" />
              ) : (
                <Form layout="vertical" onFinish={sendFeedback} key={reply.decisionId}>
                  <Form.Item name="measuresApplied" label={t('sanctions.feedback.applied')}>
                    <Checkbox.Group options={reply.hits.map((h) => ({ value: h.measure.code, label: h.measure.name }))} />
                  </Form.Item>
                  <Form.Item name="outcome" label={t('sanctions.feedback.outcome')} rules={[{ required: true }]}>
                    <Input.TextArea rows={2} maxLength={1000} data-testid="sanctions-outcome" />
                  </Form.Item>
                  <Button htmlType="submit" data-testid="sanctions-feedback-submit">
                    {t('sanctions.feedback.submit')}
                  </Button>
                </Form>
              )}
            </Card>
          )}
        </Space>
      )}
    </Space>
  );
}
