import { useMemo, useState } from 'react';
import { Alert, Button, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { describeError } from '../api/ApiProvider.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useReloadOnChange } from '../components/useReloadOnChange.ts';
import { useI18n } from '../i18n/index.tsx';
import { useAuth } from '../shell/auth.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { submittableItems, useRecordsApi, type RecordSummary } from './api.ts';
import { LINK_ROLE_LABELS, SUBJECT_TYPE_LABELS } from './labels.ts';
import { RecordDrawer } from './RecordDrawer.tsx';
import { SeverityTag } from './SeverityTag.tsx';

const PAGE_SIZE = 20;

interface Filter {
  item?: string;
  subjectCode?: string;
}

/**
 * `/admin/records/browse` (records:read): the department's records, by item or subject code, with
 * subjects masked; a record opens its version history and its linked records. Every list and every
 * opened record is a logged read (DESIGN.md decision 5).
 */
export function BrowsePage() {
  const records = useRecordsApi();
  const { t, formatInstant } = useI18n();
  const { user } = useAuth();
  const [filter, setFilter] = useState<Filter>({});
  const [page, setPage] = useState(1);
  const [codeInput, setCodeInput] = useState('');
  // The records opened in the drawer, the last one shown: following a link pushes, Back pops.
  const [trail, setTrail] = useState<string[]>([]);
  const list = useApiData(() => records.records({ ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }));
  const catalog = useApiData(records.catalogItems);
  useReloadOnChange(list.reload, [filter, page]);

  const items = useMemo(() => submittableItems(catalog.data?.items ?? [], user?.department?.orgCode ?? null), [catalog.data, user]);
  const changeFilter = (next: Filter) => {
    setFilter(next);
    setPage(1);
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader
        title={t('records.browse.title')}
        subtitle={t('records.browse.subtitle', { department: user?.department?.name ?? '—' })}
        extra={
          <Button icon={<ReloadOutlined />} onClick={list.reload}>
            {t('common.refresh')}
          </Button>
        }
      />
      {!user?.department && <Alert type="info" showIcon title={t('records.noDepartmentRead')} />}
      <Flex wrap gap="small" data-testid="records-filters">
        <Select<string>
          data-testid="filter-item"
          aria-label={t('records.browse.item')}
          placeholder={t('records.browse.allItems')}
          allowClear
          style={{ width: 320 }}
          value={filter.item}
          showSearch={{ optionFilterProp: 'label' }}
          options={items.map((item) => ({ value: item.code, label: `${item.name}（${item.code}）` }))}
          onChange={(item) => changeFilter({ ...filter, item: item || undefined })}
        />
        <Input.Search
          data-testid="filter-subject"
          aria-label={t('records.browse.subjectCode')}
          placeholder={t('records.browse.subjectCodePlaceholder')}
          allowClear
          enterButton
          style={{ width: 360 }}
          value={codeInput}
          onChange={(e) => {
            setCodeInput(e.target.value);
            if (e.target.value === '' && filter.subjectCode) changeFilter({ ...filter, subjectCode: undefined });
          }}
          onSearch={(value) => changeFilter({ ...filter, subjectCode: value.trim() || undefined })}
        />
      </Flex>
      <Typography.Text type="secondary">{t('records.browse.logged')}</Typography.Text>
      {list.error !== undefined && <Alert type="error" showIcon title={describeError(list.error, t)} data-testid="records-error" />}
      <Table<RecordSummary>
        data-testid="records-table"
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        onRow={(record) => ({ onClick: () => setTrail([record.id]), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('records.browse.total', { count: total }),
          onChange: setPage,
        }}
        columns={[
          { title: t('records.record.sourceRecordId'), dataIndex: 'sourceRecordId' },
          {
            title: t('records.record.item'),
            key: 'item',
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <span>{r.itemName}</span>
                <Typography.Text type="secondary">{r.itemCode}</Typography.Text>
              </Space>
            ),
          },
          {
            title: t('records.record.subject'),
            key: 'subject',
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <span data-testid="subject-name">{r.subjectName}</span>
                <Typography.Text type="secondary" data-testid="subject-code">
                  {r.subjectCodeMasked}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('records.record.subjectType'), dataIndex: 'subjectType', render: (type: RecordSummary['subjectType']) => t(SUBJECT_TYPE_LABELS[type]) },
          { title: t('records.record.severity'), dataIndex: 'severity', render: (severity: string | null) => <SeverityTag severity={severity} /> },
          { title: t('records.record.decisionDate'), dataIndex: 'decisionDate', render: (date: string | null) => date ?? '—' },
          {
            title: t('records.record.version'),
            dataIndex: 'currentVersion',
            align: 'right',
            render: (version: number) => (
              <Tag color={version > 1 ? 'blue' : undefined} data-testid="record-version" data-value={version}>
                {t('records.record.versionN', { version })}
              </Tag>
            ),
          },
          {
            title: t('records.record.link'),
            dataIndex: 'linkRole',
            render: (role: string | null) => (role ? <Tag color="purple">{LINK_ROLE_LABELS[role] ? t(LINK_ROLE_LABELS[role]) : role}</Tag> : '—'),
          },
          { title: t('records.record.updatedAt'), dataIndex: 'updatedAt', render: (at: string) => formatInstant(at) },
        ]}
      />
      <RecordDrawer
        recordId={trail.at(-1) ?? null}
        items={catalog.data?.items ?? []}
        onOpen={(id) => setTrail((t) => [...t, id])}
        onBack={trail.length > 1 ? () => setTrail((t) => t.slice(0, -1)) : undefined}
        onClose={() => setTrail([])}
      />
    </Space>
  );
}
