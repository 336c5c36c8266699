import { Button, Result, Space } from 'antd';
import { DownloadOutlined, EyeOutlined, FileTextOutlined } from '@ant-design/icons';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useAuth } from '../shell/auth.tsx';
import { ownReportUrl } from './api.ts';
import { ReportLines } from './ReportLines.tsx';

/** `/account/report`: a citizen downloads their own signed credit report (Henan Art. 40), or goes through its lines and objects to one. */
export function MyReportPage() {
  const { user } = useAuth();
  const { t } = useI18n();
  if (!user?.linkedPerson) return <Result data-testid="report-not-linked" status="info" title={t('reports.my.notLinked')} />;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader title={t('reports.my.title')} subtitle={t('reports.my.subtitle')} />
      <Space wrap>
        <Button type="primary" icon={<DownloadOutlined />} href={ownReportUrl('pdf')} download data-testid="download-report-pdf">
          {t('reports.my.pdf')}
        </Button>
        <Button icon={<EyeOutlined />} href={ownReportUrl('html')} target="_blank" rel="noopener">
          {t('reports.my.html')}
        </Button>
        <Button icon={<FileTextOutlined />} href={ownReportUrl('json')} download>
          {t('reports.my.json')}
        </Button>
      </Space>
      <ReportLines />
    </Space>
  );
}
