import { useEffect, useMemo, useState } from 'react';
import { Alert, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { describeError, useApi } from '../api/ApiProvider.tsx';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { useLocation, useNavigate } from '../shell/router.tsx';
import { portalApi, type PublicResult, type SearchReply } from './api.ts';
import { PortalFrame } from './PortalFrame.tsx';

const KIND_COLOURS: Record<PublicResult['kind'], string> = { serious_dishonesty: 'red', red: 'green', record: 'blue' };

/** `/search?q=`: the public search of the lists and disclosed records (no login). */
export function SearchPage() {
  const { t, apiLanguage } = useI18n();
  const api = useApi();
  const client = useMemo(() => portalApi(api), [api]);
  const { search } = useLocation();
  const navigate = useNavigate();
  const q = new URLSearchParams(search).get('q') ?? '';
  const [reply, setReply] = useState<SearchReply | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!q.trim()) return;
    let current = true;
    setBusy(true);
    setError(undefined);
    client.search(q.trim()).then(
      (r) => current && (setReply(r), setBusy(false)),
      (e: unknown) => current && (setError(e), setReply(null), setBusy(false)),
    );
    return () => {
      current = false;
    };
  }, [client, q]);

  return (
    <PortalFrame title={t('portal.search.title')} subtitle={t('portal.search.subtitle')}>
      <Card>
        <Input.Search
          size="large"
          defaultValue={q}
          key={q}
          allowClear
          enterButton={t('portal.search.submit')}
          placeholder={t('portal.search.placeholder')}
          loading={busy}
          data-testid="public-search-input"
          onSearch={(value) => value.trim() && navigate(`/search?q=${encodeURIComponent(value.trim())}`)}
        />
      </Card>
      <Space direction="vertical" style={{ width: '100%', marginTop: 24 }}>
        {error !== undefined && <Alert type="error" showIcon message={describeError(error, t)} data-testid="public-search-error" />}
        {reply && (
          <div data-testid="public-search-results">
            <Typography.Text type="secondary">{t('portal.search.asOf', { date: reply.asOf })}</Typography.Text>
            <Table<PublicResult>
              rowKey={(r) => `${r.kind}:${r.decision.itemName}:${r.decision.documentNumbers.join('/')}:${r.subjectCode}`}
              dataSource={reply.items}
              pagination={false}
              locale={{ emptyText: t('portal.search.empty') }}
              scroll={{ x: true }}
              columns={[
                { title: t('portal.search.kind'), render: (_, r) => <Tag color={KIND_COLOURS[r.kind]}>{t(`portal.search.kind.${r.kind}` as MessageKey)}</Tag> },
                { title: t('portal.search.subject'), render: (_, r) => <span data-testid="result-subject">{`${r.subjectName}（${r.subjectCode}）`}</span> },
                {
                  title: t('portal.search.decision'),
                  render: (_, r) => (
                    <Space direction="vertical" size={0}>
                      <span>{r.categoryName ? `${r.decision.itemName} · ${r.categoryName[apiLanguage === 'en' ? 'en' : 'zh']}` : r.decision.itemName}</span>
                      {r.decision.documentNumbers.length > 0 && <Typography.Text type="secondary">{`${t('portal.search.documentNumber')}：${r.decision.documentNumbers.join('；')}`}</Typography.Text>}
                      <Typography.Text type="secondary">{`${t('portal.search.decisionDate')}：${r.decision.decisionDate ?? '—'} · ${r.decision.department}`}</Typography.Text>
                    </Space>
                  ),
                },
                { title: t('portal.search.basis'), render: (_, r) => <span data-testid="result-basis">{r.basis}</span> },
                { title: t('portal.search.period'), render: (_, r) => <span data-testid="result-period" style={{ whiteSpace: 'nowrap' }}>{`${r.period.from} – ${r.period.until ?? t('portal.search.longTerm')}`}</span> },
              ]}
            />
          </div>
        )}
      </Space>
    </PortalFrame>
  );
}
