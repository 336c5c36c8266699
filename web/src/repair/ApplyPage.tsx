import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, List, Result, Select, Space, Table, Typography, type UploadFile } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { describeError } from '../api/ApiProvider.tsx';
import { EvidenceUpload, FileLinks, filesToBase64 } from '../components/EvidenceFiles.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { useAuth } from '../shell/auth.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { ownFileUrl, useRepairApi, type Application, type Eligibility, type RepairEvidence, type RepairFilePurpose } from './api.ts';
import { reasonText, StatusTag } from './labels.tsx';

/** What each evidence file proves (《信用修复管理办法》 application materials), one picker each. */
const FILE_PURPOSES: readonly RepairFilePurpose[] = ['commitment_letter', 'performance_proof', 'training_certificate', 'public_service_proof'];
type FormValues = RepairEvidence & { recordId: string } & Partial<Record<RepairFilePurpose, UploadFile[]>>;
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
    const { recordId, obligationsPerformed, obligationsProof, commitmentLetter, creditTraining, volunteerHours, donationFen } = v;
    return { recordId, evidence: { obligationsPerformed, commitmentLetter, creditTraining, obligationsProof: obligationsProof ?? '', volunteerHours: volunteerHours ?? 0, donationFen: donationFen ?? 0 } };
  };
  const filesOf = async (v: FormValues) =>
    (await Promise.all(FILE_PURPOSES.map(async (purpose) => (await filesToBase64(v[purpose] ?? [])).map((f) => ({ purpose, ...f }))))).flat();
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
      const values = await form.validateFields();
      const files = await filesOf(values);
      const application = await repair.apply({ ...request(values), ...(files.length > 0 ? { files } : {}) });
      form.resetFields([...FILE_PURPOSES]);
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
          <Typography.Text strong>{t('repair.files.title')}</Typography.Text>
          {FILE_PURPOSES.map((purpose) => (
            <Form.Item key={purpose} name={purpose} label={t(`repair.files.${purpose}` as MessageKey)}>
              <EvidenceUpload max={2} label={t('repair.files.add')} testId={`repair-file-${purpose}`} />
            </Form.Item>
          ))}
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
        { title: t('repair.col.files'), render: (_, a) => <RepairFiles application={a} href={ownFileUrl} /> },
      ]}
    />
  );
}

/** An application's evidence files, each named by what it proves. */
export function RepairFiles({ application: a, href }: { application: Application; href: (applicationId: string, fileId: string) => string }) {
  const { t } = useI18n();
  const files = a.files ?? [];
  return <FileLinks files={files} href={(fileId) => href(a.id, fileId)} label={(fileId) => t(`repair.files.${files.find((f) => f.id === fileId)!.purpose}` as MessageKey)} />;
}
