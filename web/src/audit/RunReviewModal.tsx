import { useState } from 'react';
import { Alert, Form, Input, List, Modal, Typography } from 'antd';
import { describeError } from '../api/ApiProvider.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useAuditApi } from './api.ts';

interface RangeForm {
  from: string;
  /** Empty: review only `from`. */
  to?: string;
}

/** Longest range reviewed in one go: each day is its own request and run. */
const MAX_DAYS = 31;

/** Every calendar day from `from` to `to`, both included (YYYY-MM-DD; calendar arithmetic in UTC). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`) && days.length <= MAX_DAYS; d = new Date(d.getTime() + 86_400_000)) {
    days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

/** Reviews one finished day, or each day of a range, now (`POST /api/v1/audit/review-runs` per day). */
export function RunReviewModal({ open, onClose, onDone }: { open: boolean; onClose(): void; onDone(): void }) {
  const audit = useAuditApi();
  const { t } = useI18n();
  const [form] = Form.useForm<RangeForm>();
  const [running, setRunning] = useState(false);
  const [results, setResults] = useState<{ day: string; text: string; ok: boolean }[]>([]);

  const run = async () => {
    let values: RangeForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const days = daysBetween(values.from, values.to || values.from);
    setRunning(true);
    setResults([]);
    const done: typeof results = [];
    for (const day of days) {
      try {
        const result = await audit.runReview(day);
        done.push({ day, ok: true, text: t('audit.run.dayDone', { day, added: result.findingsAdded }) });
      } catch (error) {
        done.push({ day, ok: false, text: `${day}: ${describeError(error, t)}` });
      }
      setResults([...done]);
    }
    setRunning(false);
    onDone();
  };

  return (
    <Modal
      open={open}
      title={t('audit.run.title')}
      okText={t('audit.run.submit')}
      cancelText={t('common.cancel')}
      onOk={run}
      confirmLoading={running}
      onCancel={onClose}
      afterClose={() => {
        form.resetFields();
        setResults([]);
      }}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('audit.run.help', { max: MAX_DAYS })}</Typography.Paragraph>
      <Form<RangeForm> form={form} layout="vertical" disabled={running}>
        <Form.Item name="from" label={t('audit.run.from')} rules={[{ required: true, message: t('audit.run.fromRequired') }]}>
          <Input type="date" data-testid="run-from" />
        </Form.Item>
        <Form.Item
          name="to"
          label={t('audit.run.to')}
          extra={t('audit.run.toHelp')}
          dependencies={['from']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, to: string | undefined) => {
                const from = getFieldValue('from') as string | undefined;
                if (!to || !from) return Promise.resolve();
                if (to < from) return Promise.reject(new Error(t('audit.run.toBeforeFrom')));
                if (daysBetween(from, to).length > MAX_DAYS) return Promise.reject(new Error(t('audit.run.tooLong', { max: MAX_DAYS })));
                return Promise.resolve();
              },
            }),
          ]}
        >
          <Input type="date" data-testid="run-to" />
        </Form.Item>
      </Form>
      {results.length > 0 && (
        <List
          data-testid="run-results"
          size="small"
          bordered
          dataSource={results}
          renderItem={(r) => (
            <List.Item>
              <Typography.Text type={r.ok ? undefined : 'danger'}>{r.text}</Typography.Text>
            </List.Item>
          )}
        />
      )}
      {!running && results.some((r) => !r.ok) && <Alert style={{ marginTop: 12 }} type="warning" showIcon title={t('audit.run.someFailed')} />}
    </Modal>
  );
}
