import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Radio, Select, Space, Tag, Timeline, Typography, type UploadFile } from 'antd';
import { describeError } from '../api/ApiProvider.tsx';
import { useCitizenApi } from '../citizen/index.tsx';
import { EvidenceUpload, FileLinks, filesToBase64 } from '../components/EvidenceFiles.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { placeProblems, problemsOf, type FieldPath } from '../components/problemFields.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { useLocation, useNavigate } from '../shell/router.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { ownFileUrl, useObjectionsApi, type Objection, type OwnFileBody } from './api.ts';
import { StatusTag } from './StatusTag.tsx';

interface FormValues {
  mode: 'own' | 'agent';
  recordId?: string;
  reasons: string;
  evidence?: UploadFile[];
  citizenCode?: string;
  name?: string;
  reportNumber?: string;
  itemCode?: string;
  sourceRecordId?: string;
  powerOfAttorney?: UploadFile[];
}

/** The form field that shows a located server error (`evidence[1]`, `principal.citizenCode`, `target/line/itemCode` …). */
function locateField(path: FieldPath): FieldPath | null {
  const names = ['recordId', 'reasons', 'evidence', 'powerOfAttorney', 'citizenCode', 'name', 'reportNumber', 'itemCode', 'sourceRecordId'];
  const named = path.filter((p): p is string => typeof p === 'string' && names.includes(p));
  return named.length > 0 ? [named[named.length - 1]!] : path[0] === 'principal' ? ['citizenCode'] : null;
}

/**
 * `/account/objections` (citizen): object to one of the own records — or a line of the own credit
 * report (`?report=&itemCode=&sourceRecordId=`, from the report page) — with evidence files, or file
 * for someone else as their agent with a power of attorney; follow each case's history, files and reasons.
 */
export function MyObjectionsPage() {
  const client = useObjectionsApi();
  const citizen = useCitizenApi();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const query = new URLSearchParams(useLocation().search);
  const fromReport = query.get('report') && query.get('itemCode') && query.get('sourceRecordId') ? { number: query.get('report')!, itemCode: query.get('itemCode')!, sourceRecordId: query.get('sourceRecordId')! } : null;
  const mine = useApiData(() => client.mine());
  const records = useApiData(() => citizen.ownRecords());
  const [form] = Form.useForm<FormValues>();
  const mode = Form.useWatch('mode', form) ?? 'own';
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const bodyOf = async (v: FormValues): Promise<OwnFileBody> => {
    const evidence = await filesToBase64(v.evidence ?? []);
    const common = { reasons: v.reasons, ...(evidence.length > 0 ? { evidence } : {}) };
    if (v.mode === 'agent') {
      const [letter] = await filesToBase64(v.powerOfAttorney ?? []);
      return {
        ...common,
        target: { kind: 'report_line', reportNumber: v.reportNumber ?? '', line: { section: 'record', itemCode: v.itemCode ?? '', sourceRecordId: v.sourceRecordId ?? '' } },
        principal: { citizenCode: v.citizenCode ?? '', name: v.name ?? '' },
        ...(letter ? { powerOfAttorney: letter } : {}),
      };
    }
    if (fromReport) return { ...common, target: { kind: 'report_line', reportNumber: fromReport.number, line: { section: 'record', itemCode: fromReport.itemCode, sourceRecordId: fromReport.sourceRecordId } } };
    return { ...common, target: { kind: 'record', id: v.recordId ?? '' } };
  };

  const send = async (values: FormValues) => {
    setBusy(true);
    setProblem(null);
    try {
      await client.file(await bodyOf(values));
      message.success(t('objections.filed'));
      form.resetFields(['reasons', 'evidence', 'powerOfAttorney']);
      mine.reload();
    } catch (error) {
      const unplaced = placeProblems(form, problemsOf(error), locateField);
      if (unplaced.length > 0 || problemsOf(error).length === 0) setProblem(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader title={t('objections.mine.title')} subtitle={t('objections.mine.subtitle')} />
      <Card size="small" title={t('objections.file')}>
        {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} data-testid="filing-error" />}
        <Form form={form} layout="vertical" initialValues={{ mode: 'own' }} onFinish={(v) => void send(v)}>
          <Form.Item name="mode">
            <Radio.Group
              data-testid="filing-mode"
              options={[
                { value: 'own', label: t('objections.mode.own') },
                { value: 'agent', label: t('objections.mode.agent') },
              ]}
              optionType="button"
            />
          </Form.Item>
          {mode === 'own' && fromReport && (
            <Alert
              type="info"
              data-testid="filing-from-report"
              style={{ marginBottom: 16 }}
              message={t('objections.fromReport', { number: fromReport.number, itemCode: fromReport.itemCode, sourceRecordId: fromReport.sourceRecordId })}
              action={
                <Button size="small" onClick={() => navigate('/account/objections')}>
                  {t('objections.fromReport.clear')}
                </Button>
              }
            />
          )}
          {mode === 'own' && !fromReport && (
            <Form.Item name="recordId" label={t('objections.record')} rules={[{ required: true, message: t('objections.record') }]}>
              <Select
                id="objection-record"
                options={(records.data ?? []).map((r) => ({ value: r.id, label: `${r.itemName} · ${r.sourceRecordId} · ${r.decisionDate ?? ''}` }))}
              />
            </Form.Item>
          )}
          {mode === 'agent' && (
            <>
              <Typography.Paragraph type="secondary">{t('objections.agent.hint')}</Typography.Paragraph>
              <Space wrap>
                <Form.Item name="citizenCode" label={t('objections.agent.citizenCode')} rules={[{ required: true, message: t('objections.agent.citizenCode') }]}>
                  <Input id="agent-citizen-code" maxLength={18} style={{ width: 220 }} />
                </Form.Item>
                <Form.Item name="name" label={t('objections.agent.name')} rules={[{ required: true, message: t('objections.agent.name') }]}>
                  <Input id="agent-name" maxLength={50} />
                </Form.Item>
              </Space>
              <Space wrap>
                <Form.Item name="reportNumber" label={t('objections.agent.reportNumber')} rules={[{ required: true, message: t('objections.agent.reportNumber') }]}>
                  <Input id="agent-report-number" maxLength={64} style={{ width: 240 }} />
                </Form.Item>
                <Form.Item name="itemCode" label={t('objections.agent.itemCode')} rules={[{ required: true, message: t('objections.agent.itemCode') }]}>
                  <Input id="agent-item-code" maxLength={32} />
                </Form.Item>
                <Form.Item name="sourceRecordId" label={t('objections.agent.sourceRecordId')} rules={[{ required: true, message: t('objections.agent.sourceRecordId') }]}>
                  <Input id="agent-source-record-id" maxLength={200} style={{ width: 240 }} />
                </Form.Item>
              </Space>
              <Form.Item name="powerOfAttorney" label={t('objections.agent.powerOfAttorney')} rules={[{ required: true, message: t('objections.agent.addPowerOfAttorney') }]}>
                <EvidenceUpload max={1} label={t('objections.agent.addPowerOfAttorney')} testId="filing-power-of-attorney" />
              </Form.Item>
            </>
          )}
          <Form.Item name="reasons" label={t('objections.reasons')} rules={[{ required: true, whitespace: true, message: t('objections.reasons') }]}>
            <Input.TextArea id="objection-reasons" rows={3} maxLength={5000} />
          </Form.Item>
          <Form.Item name="evidence" label={t('objections.evidence')} extra={t('objections.evidence.hint')}>
            <EvidenceUpload max={5} label={t('objections.evidence.add')} testId="filing-evidence" />
          </Form.Item>
          <Button type="primary" id="objection-submit" htmlType="submit" loading={busy}>
            {t('common.submit')}
          </Button>
        </Form>
      </Card>
      {mine.error !== undefined && <Alert type="error" showIcon message={describeError(mine.error, t)} />}
      {mine.data?.length === 0 && <Empty description={t('objections.none')} />}
      {mine.data?.map((o) => (
        <ObjectionCard key={o.id} objection={o} />
      ))}
    </Space>
  );
}

function ObjectionCard({ objection: o }: { objection: Objection }) {
  const { t } = useI18n();
  return (
    <Card data-testid={`objection-${o.id}`} size="small" title={<StatusTag objection={o} />} extra={o.filedAsAgent ? <Tag color="blue">{t('objections.agent.asAgent', { name: o.principalName ?? '' })}</Tag> : null}>
      <Descriptions size="small" column={2}>
        <Descriptions.Item label={t('objections.filedOn')}>{o.filedOn}</Descriptions.Item>
        <Descriptions.Item label={t('objections.dueOn')}>{o.dueOn}</Descriptions.Item>
        {o.agent && !o.filedAsAgent && <Descriptions.Item label={t('objections.agent.column')}>{t('objections.agent.filedBy', { name: o.agent.name })}</Descriptions.Item>}
        {o.files.length > 0 && (
          <Descriptions.Item label={t('objections.files')} span={2}>
            <FileLinks files={o.files} href={(fileId) => ownFileUrl(o.id, fileId)} label={(fileId) => t(`objections.file.${o.files.find((f) => f.id === fileId)!.purpose}` as MessageKey)} />
          </Descriptions.Item>
        )}
      </Descriptions>
      <Timeline
        style={{ marginTop: 12 }}
        items={o.events.map((e) => ({ children: `${e.at.slice(0, 10)} ${t(e.action === 'decide' ? 'objections.decided' : e.action === 'escalate' ? 'objections.escalated' : 'objections.filed')}：${e.note}` }))}
      />
    </Card>
  );
}
