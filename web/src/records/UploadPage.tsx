import { useMemo, useState } from 'react';
import { Alert, Button, Card, Flex, Form, Progress, Select, Space, Typography, Upload } from 'antd';
import { CloudUploadOutlined, InboxOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { describeError } from '../api/ApiProvider.tsx';
import { ApiError } from '../api/client.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n, type Translate } from '../i18n/index.tsx';
import { useAuth } from '../shell/auth.tsx';
import { useLocation, useNavigate } from '../shell/router.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { submittableItems, UploadCancelled, useRecordsApi, type ImportJob, type Upload as RunningUpload } from './api.ts';
import { formatBytes } from './format.ts';
import { JobReport } from './JobReport.tsx';

export const UPLOAD_PATH = '/admin/records/upload';
/** The item choice that lets the server recognise a 双公示 file's item from its header. */
const RECOGNISE = '';
const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; loaded: number; total: number; upload: RunningUpload }
  | { kind: 'failed'; title: string; detail: string | null };

/** What to tell the operator about a refused upload; 413 and 415 say what to do about it. */
function uploadFailure(error: unknown, t: Translate): { title: string; detail: string | null } {
  const detail = error instanceof ApiError ? (error.problem?.detail ?? null) : null;
  if (error instanceof ApiError && error.status === 413) return { title: t('records.upload.tooLarge'), detail };
  if (error instanceof ApiError && error.status === 415) return { title: t('records.upload.unsupported'), detail };
  return { title: t('records.upload.failed'), detail: describeError(error, t) };
}

/**
 * `/admin/records/upload` (records:submit): a department operator sends a CSV/XLSX file for one of
 * the items the department is a source for (or lets the server recognise a 双公示 file), watches it
 * upload, then watches the job (`?job=ID`) until its summary and error report.
 */
export function UploadPage() {
  const records = useRecordsApi();
  const { t, formatNumber } = useI18n();
  const { user, reload: reloadAuth } = useAuth();
  const navigate = useNavigate();
  const jobId = new URLSearchParams(useLocation().search).get('job');
  const catalog = useApiData(records.catalogItems);
  const [itemCode, setItemCode] = useState<string>(RECOGNISE);
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [queued, setQueued] = useState<ImportJob | undefined>();

  const orgCode = user?.department?.orgCode ?? null;
  const items = useMemo(() => submittableItems(catalog.data?.items ?? [], orgCode), [catalog.data, orgCode]);

  const start = async () => {
    if (!file) return;
    const upload = records.upload(file, itemCode === RECOGNISE ? null : itemCode, ({ loaded, total }) =>
      setPhase((p) => (p.kind === 'uploading' ? { ...p, loaded, total } : p)),
    );
    setPhase({ kind: 'uploading', loaded: 0, total: file.size, upload });
    try {
      const job = await upload.done;
      setQueued(job);
      setPhase({ kind: 'idle' });
      setFile(null);
      navigate(`${UPLOAD_PATH}?job=${encodeURIComponent(job.id)}`, { replace: true });
    } catch (error) {
      if (error instanceof UploadCancelled) return setPhase({ kind: 'idle' });
      if (error instanceof ApiError && error.status === 401) reloadAuth();
      setPhase({ kind: 'failed', ...uploadFailure(error, t) });
    }
  };

  const another = () => {
    setQueued(undefined);
    setPhase({ kind: 'idle' });
    navigate(UPLOAD_PATH, { replace: true });
  };

  if (jobId) {
    return (
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <PageHeader
          title={t('records.upload.jobTitle')}
          subtitle={t('records.upload.jobSubtitle')}
          extra={
            <Button type="primary" icon={<PlusOutlined />} onClick={another} data-testid="upload-another">
              {t('records.upload.another')}
            </Button>
          }
        />
        <JobReport key={jobId} jobId={jobId} initial={queued?.id === jobId ? queued : undefined} />
      </Space>
    );
  }

  const uploading = phase.kind === 'uploading';
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader title={t('records.upload.title')} subtitle={t('records.upload.subtitle')} />
      {!user?.department && <Alert type="warning" showIcon title={t('records.noDepartment')} />}
      {catalog.error !== undefined && <Alert type="error" showIcon title={describeError(catalog.error, t)} />}
      <Card>
        <Form layout="vertical" disabled={uploading || !user?.department} onFinish={() => void start()}>
          <Form.Item label={t('records.upload.item')} extra={t('records.upload.itemHelp', { department: user?.department?.name ?? '—' })}>
            <Select<string>
              data-testid="upload-item"
              aria-label={t('records.upload.item')}
              value={itemCode}
              onChange={setItemCode}
              loading={catalog.loading}
              showSearch={{ optionFilterProp: 'label' }}
              options={[
                { value: RECOGNISE, label: t('records.upload.recognise') },
                ...items.map((item) => ({ value: item.code, label: `${item.name}（${item.code}）` })),
              ]}
            />
          </Form.Item>
          <Form.Item label={t('records.upload.file')} extra={t('records.upload.fileHelp')}>
            <div data-testid="upload-file">
              <Upload.Dragger
                accept={ACCEPT}
                multiple={false}
                maxCount={1}
                fileList={file ? [{ uid: 'chosen', name: file.name, size: file.size, status: 'done' }] : []}
                beforeUpload={(chosen) => {
                  setFile(chosen);
                  setPhase({ kind: 'idle' });
                  return false; // sent by the button below, with progress
                }}
                onRemove={() => setFile(null)}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{t('records.upload.drop')}</p>
                <p className="ant-upload-hint">{t('records.upload.dropHint')}</p>
              </Upload.Dragger>
            </div>
          </Form.Item>
          {phase.kind === 'uploading' && (
            <Form.Item>
              <Progress
                data-testid="upload-progress"
                percent={phase.total > 0 ? Math.floor((phase.loaded / phase.total) * 100) : 0}
                status="active"
              />
              <Typography.Text type="secondary">
                {t('records.upload.sent', { sent: formatBytes(phase.loaded, formatNumber), total: formatBytes(phase.total, formatNumber) })}
              </Typography.Text>
            </Form.Item>
          )}
          {phase.kind === 'failed' && (
            <Form.Item>
              <Alert data-testid="upload-error" type="error" showIcon title={phase.title} description={phase.detail} />
            </Form.Item>
          )}
          <Flex gap="small">
            <Button type="primary" htmlType="submit" icon={<CloudUploadOutlined />} disabled={!file || uploading} loading={uploading} data-testid="upload-submit">
              {t('records.upload.submit')}
            </Button>
            {phase.kind === 'uploading' && (
              // Outside the disabled form state: the one thing to do while sending is to stop it.
              <Button icon={<StopOutlined />} disabled={false} onClick={() => phase.upload.abort()} data-testid="upload-cancel">
                {t('records.upload.cancel')}
              </Button>
            )}
          </Flex>
        </Form>
      </Card>
    </Space>
  );
}
