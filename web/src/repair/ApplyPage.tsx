import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, List, Result, Select, Space, Table, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { describeError } from '../api/ApiProvider.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { useAuth } from '../shell/auth.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { useRepairApi, type Application, type Eligibility, type RepairEvidence } from './api.ts';
import { reasonText, StatusTag } from './labels.tsx';

type FormValues = RepairEvidence & { recordId: string };
const INITIAL: Partial<FormValues> = { obligationsPerformed: false, obligationsProof: '', commitmentLetter: false, creditTraining: false, volunteerHours: 0, donationFen: 0 };

/** `/account/repair`: choose a bad record, check the conditions (a checklist of what is missing), apply, and track. */
export function ApplyPage() {
  const { user } = useAuth();
  const { t } = useI18n();
  const { message } = App.useApp();
  const repair = useRepairApi();
  const records = useApiData(repair.ownRecords);
  const mine = useApiData(repair.ownApplications);
  const [form] = Form.useForm<FormValues>();
  const [eligibility, setEligibility] = useState<Eligibility | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!user?.linkedPerson) return <Result status="info" title={t('citizen.notLinked')} />;

  const bad = (records.data ?? []).filter((r) => r.severity !== null);
  const request = (v: FormValues) => {
    const { recordId, ...evidence } = v;
    return { recordId, evidence: { ...evidence, obligationsProof: evidence.obligationsProof ?? '', volunteerHours: evidence.volunteerHours ?? 0, donationFen: evidence.donationFen ?? 0 } };
  };
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (error) {
      setProblem(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };
  const check = () => run(async () => setEligibility(await repair.check(request(await form.validateFields()))));
  const apply = () =>
    run(async () => {
      const application = await repair.apply(request(await form.validateFields()));
      message.info(t('repair.apply.submitted', { status: t(`repair.status.${application.status}` as MessageKey) }));
      setEligibility(null);
      mine.reload();
    });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader title={t('repair.apply.title')} subtitle={t('repair.apply.subtitle')} />
      <Card>
        <Form form={form} layout="vertical" initialValues={INITIAL} onValuesChange={() => setEligibility(null)}>
          <Form.Item name="recordId" label={t('repair.apply.record')} rules={[{ required: true, message: t('repair.apply.record') }]}>
            <Select data-testid="repair-record" loading={records.loading} options={bad.map((r) => ({ value: r.id, label: `${r.itemName} · ${r.sourceRecordId} · ${r.decisionDate ?? ''}` }))} />
          </Form.Item>
          <Form.Item name="obligationsPerformed" valuePropName="checked">
            <Checkbox data-testid="repair-obligations">{t('repair.apply.obligationsPerformed')}</Checkbox>
          </Form.Item>
          <Form.Item name="obligationsProof" label={t('repair.apply.obligationsProof')}>
            <Input maxLength={2000} />
          </Form.Item>
          <Form.Item name="commitmentLetter" valuePropName="checked">
            <Checkbox data-testid="repair-commitment">{t('repair.apply.commitmentLetter')}</Checkbox>
          </Form.Item>
          <Form.Item name="creditTraining" valuePropName="checked">
            <Checkbox>{t('repair.apply.creditTraining')}</Checkbox>
          </Form.Item>
          <Space>
            <Form.Item name="volunteerHours" label={t('repair.apply.volunteerHours')}>
              <InputNumber min={0} precision={0} />
            </Form.Item>
            <Form.Item name="donationFen" label={t('repair.apply.donationFen')}>
              <InputNumber min={0} precision={0} />
            </Form.Item>
          </Space>
          <Space>
            <Button data-testid="repair-check" onClick={check} loading={busy}>
              {t('repair.apply.check')}
            </Button>
            <Button data-testid="repair-submit" type="primary" onClick={apply} loading={busy}>
              {t('repair.apply.submit')}
            </Button>
          </Space>
        </Form>
        {problem !== null && <Alert style={{ marginTop: 16 }} type="error" showIcon title={problem} />}
        {eligibility !== null && <Checklist eligibility={eligibility} />}
      </Card>
      <Card title={t('repair.mine.title')}>
        <Applications items={mine.data ?? []} loading={mine.loading} />
      </Card>
    </Space>
  );
}

function Checklist({ eligibility }: { eligibility: Eligibility }) {
  const { t } = useI18n();
  return (
    <div data-testid="repair-checklist" style={{ marginTop: 16 }}>
      <Alert
        type={eligibility.eligible ? 'success' : 'warning'}
        showIcon
        title={eligibility.eligible ? t('repair.apply.eligible') : eligibility.refusal ? reasonText({ code: eligibility.refusal.code, note: eligibility.refusal.basis }, t) : t('repair.apply.notEligible', { earliestOn: eligibility.earliestOn })}
      />
      <List
        dataSource={eligibility.checklist}
        renderItem={(c) => (
          <List.Item>
            <Space>
              {c.met ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" />}
              <span>{t(`repair.checklist.${c.condition}` as MessageKey)}</span>
              <Typography.Text type="secondary">{c.basis}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </div>
  );
}

function Applications({ items, loading }: { items: Application[]; loading: boolean }) {
  const { t } = useI18n();
  return (
    <Table<Application>
      data-testid="repair-mine"
      rowKey="id"
      loading={loading}
      dataSource={items}
      pagination={false}
      columns={[
        { title: t('repair.col.record'), render: (_, a) => a.itemCode },
        { title: t('repair.col.status'), render: (_, a) => <StatusTag status={a.status} t={t} /> },
        { title: t('repair.col.appliedOn'), dataIndex: 'appliedOn' },
        { title: t('repair.col.due'), render: (_, a) => a.decisionDueOn ?? a.reviewDueOn ?? a.feedbackDueOn },
        { title: t('repair.col.reasons'), render: (_, a) => a.reasons.map((r) => reasonText(r, t)).join('；') },
      ]}
    />
  );
}
