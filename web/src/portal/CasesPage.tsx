import { useMemo, useState } from 'react';
import { Alert, Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import { describeError, useApi } from '../api/ApiProvider.tsx';
import { useReloadOnChange } from '../components/useReloadOnChange.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { Link } from '../shell/router.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { portalApi, type PublicCase } from './api.ts';
import { PortalFrame } from './PortalFrame.tsx';

const PAGE_SIZE = 10;

function KindTag({ kind }: { kind: PublicCase['kind'] }) {
  const { t } = useI18n();
  return <Tag color={kind === 'dishonesty' ? 'red' : 'green'}>{t(`portal.cases.kind.${kind}` as MessageKey)}</Tag>;
}

/** `/cases`: published typical cases, newest first. */
export function CasesPage() {
  const { t } = useI18n();
  const api = useApi();
  const client = useMemo(() => portalApi(api), [api]);
  const [page, setPage] = useState(1);
  const cases = useApiData(() => client.publishedCases({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }));
  useReloadOnChange(cases.reload, [page]);
  return (
    <PortalFrame title={t('portal.cases.title')} subtitle={t('portal.casesIntro')}>
      {cases.error !== undefined && <Alert type="error" showIcon message={describeError(cases.error, t)} />}
      <List<PublicCase>
        loading={cases.loading}
        dataSource={cases.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('portal.cases.empty')} /> }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: cases.data?.total ?? 0, onChange: setPage }}
        renderItem={(c) => (
          <List.Item key={c.id} extra={<Typography.Text type="secondary">{c.publishedOn}</Typography.Text>}>
            <List.Item.Meta
              title={
                <Space>
                  <KindTag kind={c.kind} />
                  <Link to={`/cases/${c.id}`}>{c.title}</Link>
                </Space>
              }
              description={`${c.summary} · ${c.departmentName}`}
            />
          </List.Item>
        )}
      />
    </PortalFrame>
  );
}

/** `/cases/<id>`: one published case at its published version. */
export function CaseDetailPage({ id }: { id: string }) {
  const { t } = useI18n();
  const api = useApi();
  const client = useMemo(() => portalApi(api), [api]);
  const found = useApiData(() => client.publishedCase(id));
  const c = found.data;
  return (
    <PortalFrame title={c?.title ?? t('portal.cases.title')} width={860}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Link to="/cases">{t('portal.cases.back')}</Link>
        {found.error !== undefined && <Alert type="error" showIcon message={describeError(found.error, t)} />}
        {c && (
          <Card>
            <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('disclosure.cases.kind')}>
                <KindTag kind={c.kind} />
              </Descriptions.Item>
              <Descriptions.Item label={t('portal.cases.publishedOn')}>{c.publishedOn}</Descriptions.Item>
              <Descriptions.Item label={t('portal.cases.department')}>{c.departmentName}</Descriptions.Item>
              {c.keyDomain && <Descriptions.Item label={t('disclosure.cases.keyDomain')}>{c.keyDomain}</Descriptions.Item>}
              {c.basis && <Descriptions.Item label={t('portal.cases.basis')}>{c.basis}</Descriptions.Item>}
            </Descriptions>
            <Typography.Paragraph strong>{c.summary}</Typography.Paragraph>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="case-body">
              {c.body}
            </Typography.Paragraph>
          </Card>
        )}
      </Space>
    </PortalFrame>
  );
}
