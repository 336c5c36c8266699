import { useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Empty, Form, Input, Radio, Space, Tag, Timeline, Typography } from 'antd';
import { describeError } from '../api/ApiProvider.tsx';
import { placeProblems, problemsOf } from '../components/problemFields.ts';
import { useI18n, type Translate } from '../i18n/index.tsx';
import { ROLE_LABELS } from '../shell/roles.ts';
import { useApiData } from '../shell/useApiData.ts';
import { useReloadOnChange } from '../components/useReloadOnChange.ts';
import { useAuditApi, type Finding } from './api.ts';
import { DETAIL_LABELS, INSTANT_DETAILS, RULE_COLORS, RULE_DESCRIPTIONS, RULE_LABELS, STATUS_COLORS, STATUS_LABELS } from './labels.ts';

interface MarkForm {
  status: 'confirmed' | 'dismissed';
  note: string;
}

/** A finding: what the rule counted, the entries behind it, the conclusion form and every earlier conclusion. */
export function FindingDrawer({ finding, onClose, onMarked }: { finding: Finding | null; onClose(): void; onMarked(finding: Finding): void }) {
  const audit = useAuditApi();
  const { t, formatInstant } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<MarkForm>();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const id = finding?.id ?? null;
  const reviews = useApiData(() => (id ? audit.findingReviews(id) : Promise.resolve({ items: [] })));
  useReloadOnChange(reviews.reload, [id]);

  const submit = async (values: MarkForm) => {
    if (!finding) return;
    setSaving(true);
    setProblem(null);
    try {
      const marked = await audit.markFinding(finding.id, values.status, values.note);
      message.success(t('audit.mark.saved'));
      form.resetFields();
      reviews.reload();
      onMarked(marked);
    } catch (error) {
      const unplaced = placeProblems(form, problemsOf(error), (path) => (path[0] === 'note' || path[0] === 'status' ? [path[0]] : null));
      if (unplaced.length > 0 || problemsOf(error).length === 0) setProblem(describeError(error, t));
    } finally {
      setSaving(false);
    }
  };

  const details = finding ? Object.entries(finding.details).filter(([key]) => key !== 'exampleEntryIds') : [];
  const examples = finding && Array.isArray(finding.details.exampleEntryIds) ? finding.details.exampleEntryIds.map(String) : [];

  return (
    <Drawer
      open={finding !== null}
      onClose={onClose}
      size="large"
      title={finding ? `${t(RULE_LABELS[finding.rule])} · ${finding.day}` : ''}
      afterOpenChange={(visible) => {
        if (!visible) {
          form.resetFields();
          setProblem(null);
        }
      }}
      destroyOnHidden
    >
      {finding && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="finding-detail">
          <Alert type="info" showIcon title={t(RULE_DESCRIPTIONS[finding.rule])} />
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('audit.findings.rule')}>
              <Tag color={RULE_COLORS[finding.rule]}>{t(RULE_LABELS[finding.rule])}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.findings.user')}>{finding.actorUsername ?? finding.actorUserId}</Descriptions.Item>
            <Descriptions.Item label={t('audit.findings.window')}>
              {formatInstant(finding.windowStart)} – {formatInstant(finding.windowEnd)}
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.findings.status')}>
              <Tag color={STATUS_COLORS[finding.status]} data-testid="finding-status">
                {t(STATUS_LABELS[finding.status])}
              </Tag>
            </Descriptions.Item>
            {details.map(([key, value]) => (
              <Descriptions.Item key={key} label={DETAIL_LABELS[key] ? t(DETAIL_LABELS[key]) : key}>
                {formatDetail(key, value, t, formatInstant)}
              </Descriptions.Item>
            ))}
          </Descriptions>

          <div>
            <Typography.Title level={5}>{t('audit.findings.entries')}</Typography.Title>
            <Typography.Paragraph type="secondary">{t('audit.findings.entriesHelp')}</Typography.Paragraph>
            {examples.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <ul data-testid="finding-entries" style={{ paddingInlineStart: 20, margin: 0 }}>
                {examples.map((entryId) => (
                  <li key={entryId}>
                    <Typography.Text code copyable>
                      {entryId}
                    </Typography.Text>
                  </li>
                ))}
              </ul>
            )}
          </div>

          <div>
            <Typography.Title level={5}>{t('audit.mark.title')}</Typography.Title>
            {problem && <Alert data-testid="mark-error" type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
            <Form<MarkForm> form={form} layout="vertical" onFinish={submit} disabled={saving} initialValues={{ status: 'confirmed' }}>
              <Form.Item name="status" label={t('audit.mark.verdict')} rules={[{ required: true }]}>
                <Radio.Group
                  data-testid="mark-status"
                  options={[
                    { value: 'confirmed', label: t('audit.mark.confirm') },
                    { value: 'dismissed', label: t('audit.mark.dismiss') },
                  ]}
                />
              </Form.Item>
              <Form.Item name="note" label={t('audit.mark.note')} extra={t('audit.mark.noteHelp')} rules={[{ required: true, whitespace: true, min: 2, message: t('audit.mark.noteRequired') }]}>
                <Input.TextArea rows={3} maxLength={2000} showCount data-testid="mark-note" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={saving} data-testid="mark-submit">
                {t('audit.mark.submit')}
              </Button>
            </Form>
          </div>

          <div>
            <Typography.Title level={5}>{t('audit.mark.history')}</Typography.Title>
            {reviews.error !== undefined && <Alert type="error" showIcon title={describeError(reviews.error, t)} />}
            {(reviews.data?.items.length ?? 0) === 0 ? (
              <Typography.Text type="secondary">{t('audit.mark.noHistory')}</Typography.Text>
            ) : (
              <Timeline
                data-testid="finding-history"
                items={(reviews.data?.items ?? []).map((review) => ({
                  key: review.id,
                  color: review.toStatus === 'confirmed' ? 'red' : 'gray',
                  content: (
                    <Space orientation="vertical" size={0}>
                      <Typography.Text strong>
                        {t(STATUS_LABELS[review.fromStatus])} → {t(STATUS_LABELS[review.toStatus])}
                      </Typography.Text>
                      <Typography.Text>{review.note}</Typography.Text>
                      <Typography.Text type="secondary">
                        {review.reviewedByUsername ?? review.reviewedBy} · {formatInstant(review.reviewedAt)}
                      </Typography.Text>
                    </Space>
                  ),
                }))}
              />
            )}
          </div>
        </Space>
      )}
    </Drawer>
  );
}

function formatDetail(key: string, value: unknown, t: Translate, formatInstant: (iso: string) => string): string {
  if (value === null || value === undefined) return '—';
  if (INSTANT_DETAILS.has(key) && typeof value === 'string') return formatInstant(value);
  if (key === 'actorRole' && typeof value === 'string' && value in ROLE_LABELS) return t(ROLE_LABELS[value as keyof typeof ROLE_LABELS]);
  if (typeof value === 'boolean') return t(value ? 'audit.yes' : 'audit.no');
  if (Array.isArray(value)) return value.map(String).join(', ');
  return String(value);
}
