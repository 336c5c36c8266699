import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Radio, Space, Tag, Timeline, Typography } from 'antd';
import { describeError } from '../api/ApiProvider.tsx';
import { byFieldName, placeProblems, problemsOf } from '../components/problemFields.ts';
import { useReloadOnChange } from '../components/useReloadOnChange.ts';
import { useI18n } from '../i18n/index.tsx';
import { hasPermission, useAuth } from '../shell/auth.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { useChallengesApi, type Challenge, type ChallengeKind, type ChallengeOutcome, type ConcludeBody, type RecordChallengeBody } from './api.ts';
import { ChallengeMarkTag } from './ChallengeMarkTag.tsx';

const KINDS: readonly ChallengeKind[] = ['reconsideration', 'litigation'];
const OUTCOMES: readonly ChallengeOutcome[] = ['upheld', 'revoked', 'changed', 'withdrawn'];
const RECORD_FIELDS: readonly string[] = ['kind', 'caseNumber', 'handledBy', 'filedOn', 'note'];
const CONCLUDE_FIELDS: readonly string[] = ['outcome', 'concludedOn', 'note'];

/**
 * The record drawer's 行政复议/诉讼 section: the record's challenges with their marks and history
 * (a logged read), a form to record one when none is pending and to conclude the pending one —
 * for the source department's operators and reviewers and the platform (`challenges:handle`).
 */
export function ChallengesSection({ recordId }: { recordId: string }) {
  const client = useChallengesApi();
  const { t } = useI18n();
  const { user } = useAuth();
  const canHandle = hasPermission(user, 'challenges:handle');
  const list = useApiData(() => (canHandle ? client.forRecord(recordId) : Promise.resolve([])));
  useReloadOnChange(list.reload, [recordId]);
  if (!canHandle) return null;
  const items = list.data ?? [];
  const pending = items.find((c) => c.status === 'pending');
  return (
    <Card size="small" title={t('challenges.title')} data-testid="record-challenges" loading={list.loading && list.data === undefined}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('challenges.help')}</Typography.Text>
        {list.error !== undefined && <Alert type="error" showIcon title={describeError(list.error, t)} />}
        {items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('challenges.none')} /> : items.map((c) => <ChallengeCard key={c.id} challenge={c} />)}
        {pending ? <ConcludeForm key={pending.id} challenge={pending} onDone={list.reload} /> : list.data !== undefined && <RecordForm recordId={recordId} onDone={list.reload} />}
      </Space>
    </Card>
  );
}

function ChallengeCard({ challenge: c }: { challenge: Challenge }) {
  const { t, formatInstant } = useI18n();
  return (
    <Card size="small" type="inner" data-testid="challenge-card" data-status={c.status} data-outcome={c.outcome ?? undefined}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t(`challenges.kind.${c.kind}`)}</Typography.Text>
        <ChallengeMarkTag mark={c.mark} />
        {c.outcome && <Tag>{t(`challenges.outcome.${c.outcome}`)}</Tag>}
        {c.withdrawnFromDisclosure && <Tag color="default">{t('challenges.withdrawn')}</Tag>}
      </Space>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('challenges.caseNumber')}>{c.caseNumber}</Descriptions.Item>
        <Descriptions.Item label={t('challenges.handledBy')}>{c.handledBy}</Descriptions.Item>
        <Descriptions.Item label={t('challenges.filedOn')}>{c.filedOn}</Descriptions.Item>
        {c.note && <Descriptions.Item label={t('challenges.note')}>{c.note}</Descriptions.Item>}
        {c.concludedOn && <Descriptions.Item label={t('challenges.concludedOn')}>{c.concludedOn}</Descriptions.Item>}
        {c.outcomeNote && <Descriptions.Item label={t('challenges.outcomeNote')}>{c.outcomeNote}</Descriptions.Item>}
      </Descriptions>
      {c.followUp && <Alert data-testid="challenge-follow-up" type="warning" showIcon title={t(`challenges.followUp.${c.followUp}`)} style={{ margin: '8px 0' }} />}
      <Typography.Text type="secondary">{t('challenges.history')}</Typography.Text>
      <Timeline
        style={{ marginTop: 8 }}
        items={c.events.map((e) => ({ key: `${e.action}-${e.at}`, children: `${formatInstant(e.at)} · ${e.note}` }))}
      />
    </Card>
  );
}

/** Shared by both forms: send, place located errors under their fields, the rest above the form. */
function useSubmit<T extends object>(form: ReturnType<typeof Form.useForm<T>>[0], fields: readonly string[], done: string, onDone: () => void) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (send: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await send();
      message.success(done);
      form.resetFields();
      onDone();
    } catch (error) {
      const problems = problemsOf(error);
      const unplaced = placeProblems(form, problems, byFieldName(fields));
      if (problems.length === 0 || unplaced.length > 0) setProblem(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };
  return { problem, busy, submit };
}

function RecordForm({ recordId, onDone }: { recordId: string; onDone: () => void }) {
  const client = useChallengesApi();
  const { t } = useI18n();
  const [form] = Form.useForm<RecordChallengeBody>();
  const { problem, busy, submit } = useSubmit(form, RECORD_FIELDS, t('challenges.recorded'), onDone);
  const required = [{ required: true, whitespace: true, message: t('challenges.required') }];
  return (
    <Form<RecordChallengeBody>
      form={form}
      layout="vertical"
      disabled={busy}
      initialValues={{ kind: 'reconsideration' }}
      onFinish={(values) => void submit(() => client.record(recordId, values))}
      data-testid="challenge-record-form"
    >
      <Typography.Title level={5}>{t('challenges.record')}</Typography.Title>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="challenge-error" />}
      <Form.Item name="kind" label={t('challenges.kind')} rules={[{ required: true, message: t('challenges.required') }]}>
        <Radio.Group options={KINDS.map((k) => ({ value: k, label: t(`challenges.kind.${k}`) }))} />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name="caseNumber" label={t('challenges.caseNumber')} rules={required}>
          <Input maxLength={100} style={{ width: 220 }} data-testid="challenge-case-number" />
        </Form.Item>
        <Form.Item name="handledBy" label={t('challenges.handledBy')} rules={required}>
          <Input maxLength={200} style={{ width: 220 }} data-testid="challenge-handled-by" />
        </Form.Item>
        <Form.Item name="filedOn" label={t('challenges.filedOn')} rules={required}>
          <Input placeholder="YYYY-MM-DD" style={{ width: 150 }} data-testid="challenge-filed-on" />
        </Form.Item>
      </Space>
      <Form.Item name="note" label={t('challenges.note')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="challenge-record-submit">
        {t('challenges.record')}
      </Button>
    </Form>
  );
}

function ConcludeForm({ challenge, onDone }: { challenge: Challenge; onDone: () => void }) {
  const client = useChallengesApi();
  const { t } = useI18n();
  const [form] = Form.useForm<Omit<ConcludeBody, 'version'>>();
  const { problem, busy, submit } = useSubmit(form, CONCLUDE_FIELDS, t('challenges.concluded'), onDone);
  const required = [{ required: true, whitespace: true, message: t('challenges.required') }];
  return (
    <Form<Omit<ConcludeBody, 'version'>>
      form={form}
      layout="vertical"
      disabled={busy}
      initialValues={{ outcome: 'upheld' }}
      onFinish={(values) => void submit(() => client.conclude(challenge.id, { ...values, version: challenge.version }))}
      data-testid="challenge-conclude-form"
    >
      <Typography.Title level={5}>{t('challenges.conclude')}</Typography.Title>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="challenge-error" />}
      <Form.Item name="outcome" label={t('challenges.outcome')} rules={[{ required: true, message: t('challenges.required') }]}>
        <Radio.Group options={OUTCOMES.map((o) => ({ value: o, label: t(`challenges.outcome.${o}`) }))} data-testid="challenge-outcome" />
      </Form.Item>
      <Form.Item name="concludedOn" label={t('challenges.concludedOn')} rules={required}>
        <Input placeholder="YYYY-MM-DD" style={{ width: 150 }} data-testid="challenge-concluded-on" />
      </Form.Item>
      <Form.Item name="note" label={t('challenges.outcomeNote')} rules={required}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="challenge-outcome-note" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="challenge-conclude-submit">
        {t('challenges.conclude')}
      </Button>
    </Form>
  );
}
