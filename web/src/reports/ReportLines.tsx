import { useMemo, useState } from 'react';
import { Alert, Button, Card, Table, Tag, Typography } from 'antd';
import { ExceptionOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { describeError, useApi } from '../api/ApiProvider.tsx';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { objectReportLinePath } from '../objections/api.ts';
import { useNavigate } from '../shell/router.tsx';
import { reportsApi } from './api.ts';
import type { SignedReport } from '../../../src/modules/queries/schema.ts';

type Line = SignedReport['content']['records']['bad'][number] & { category: 'basic' | 'good' | 'bad' };

/**
 * The citizen's own report, line by line, with "提出异议" on each record line: it opens the objection
 * form prefilled with the report number and the line (item code + 文书号), which the server resolves
 * to the record through the report registry.
 */
export function ReportLines() {
  const api = useApi();
  const client = useMemo(() => reportsApi(api), [api]);
  const { t } = useI18n();
  const navigate = useNavigate();
  const [report, setReport] = useState<SignedReport | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const load = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setReport(await client.ownReport());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  if (report === null)
    return (
      <>
        <Button icon={<UnorderedListOutlined />} loading={busy} onClick={() => void load()} data-testid="report-lines-show">
          {t('reports.lines.show')}
        </Button>
        {error !== undefined && <Alert type="error" showIcon message={describeError(error, t)} />}
      </>
    );
  const { content } = report;
  const lines: Line[] = (['bad', 'good', 'basic'] as const).flatMap((category) => content.records[category].map((r) => ({ ...r, category })));
  return (
    <Card size="small" title={t('reports.lines.title', { number: content.number })} data-testid="report-lines">
      <Typography.Paragraph type="secondary">{t('reports.lines.hint')}</Typography.Paragraph>
      <Table<Line>
        rowKey={(l) => `${l.itemCode}:${l.sourceRecordId}`}
        size="small"
        pagination={false}
        dataSource={lines}
        locale={{ emptyText: t('reports.lines.empty') }}
        columns={[
          { title: t('reports.lines.category'), render: (_, l) => t(`reports.lines.${l.category}` as MessageKey) },
          { title: t('reports.lines.item'), render: (_, l) => `${l.itemName}（${l.itemCode}）` },
          { title: t('reports.lines.department'), dataIndex: 'departmentName' },
          { title: t('reports.lines.document'), dataIndex: 'sourceRecordId' },
          { title: t('reports.lines.date'), dataIndex: 'decisionDate' },
          {
            title: t('reports.lines.status'),
            render: (_, l) => (l.status === 'objection_pending' ? <Tag color="processing">{t('reports.lines.objectionPending')}</Tag> : l.status === 'repaired' ? <Tag>{t('reports.lines.repaired')}</Tag> : null),
          },
          {
            title: '',
            render: (_, l) =>
              // A line reaching the person through an organization's record is the organization's to contest.
              l.status === null &&
              l.linkRole === null && (
                <Button size="small" icon={<ExceptionOutlined />} data-testid={`object-line-${l.sourceRecordId}`} onClick={() => navigate(objectReportLinePath(content.number, l))}>
                  {t('objections.reportLine.object')}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}
