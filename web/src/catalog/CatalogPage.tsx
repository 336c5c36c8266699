import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Flex, Input, Select, Space, Table, Tabs, Typography } from 'antd';
import { describeError } from '../api/ApiProvider.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { CATEGORIES, DISCLOSURE_LEVELS, SEVERITIES, SUBJECT_TYPES, useCatalogApi, type CatalogItem, type Category, type DisclosureLevel, type KeyProfession, type Severity, type SubjectType } from './api.ts';
import { CategoryTags } from './CategoryTags.tsx';
import { ItemDrawer } from './ItemDrawer.tsx';
import { CATEGORY_LABELS, DISCLOSURE_LABELS, SEVERITY_LABELS, SUBJECT_TYPE_LABELS } from './labels.ts';

interface Filter {
  text: string;
  subjectType?: SubjectType;
  category?: Category;
  severity?: Severity;
  keyDomain?: string;
  disclosureLevel?: DisclosureLevel;
  active?: boolean;
}

function matches(item: CatalogItem, f: Filter): boolean {
  const text = f.text.trim().toLowerCase();
  return (
    (text === '' || item.code.toLowerCase().includes(text) || item.name.toLowerCase().includes(text) || (item.legalBasis ?? '').toLowerCase().includes(text)) &&
    (f.subjectType === undefined || item.subjectType === f.subjectType) &&
    (f.category === undefined || item.category === f.category) &&
    (f.severity === undefined || item.severity === f.severity) &&
    (f.keyDomain === undefined || (item.keyDomain ?? '') === f.keyDomain) &&
    (f.disclosureLevel === undefined || item.disclosureLevel === f.disclosureLevel) &&
    (f.active === undefined || item.active === f.active)
  );
}

/** `/admin/catalog`: the public credit information catalog (《河南省社会信用条例》Art. 11) and the key-profession registry. */
export function CatalogPage() {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader title={t('catalog.title')} subtitle={t('catalog.subtitle')} />
      <Tabs
        items={[
          { key: 'items', label: t('catalog.itemsTab'), children: <ItemsTab /> },
          { key: 'professions', label: t('catalog.professionsTab'), children: <KeyProfessionsTab /> },
        ]}
      />
    </Space>
  );
}

function ItemsTab() {
  const catalog = useCatalogApi();
  const { t } = useI18n();
  const items = useApiData(catalog.items);
  const [filter, setFilter] = useState<Filter>({ text: '' });
  const [openCode, setOpenCode] = useState<string | null>(null);
  const all = items.data?.items;
  const shown = useMemo(() => (all ?? []).filter((item) => matches(item, filter)), [all, filter]);
  const keyDomains = useMemo(() => [...new Set((all ?? []).map((i) => i.keyDomain ?? ''))].sort(), [all]);
  const set = (change: Partial<Filter>) => setFilter((f) => ({ ...f, ...change }));
  const choice = <T extends string>(values: readonly T[], label: (v: T) => string, all: string) => [{ value: '', label: all }, ...values.map((v) => ({ value: v, label: label(v) }))];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex wrap gap="small" data-testid="catalog-filters">
        <Input.Search allowClear placeholder={t('catalog.filter.search')} style={{ width: 240 }} value={filter.text} onChange={(e) => set({ text: e.target.value })} data-testid="catalog-search" />
        <Select
          data-testid="filter-subject"
          aria-label={t('catalog.prop.subjectType')}
          style={{ width: 150 }}
          value={filter.subjectType ?? ''}
          options={choice(SUBJECT_TYPES, (v) => t(SUBJECT_TYPE_LABELS[v]), t('catalog.filter.allSubjects'))}
          onChange={(v) => set({ subjectType: v === '' ? undefined : (v as SubjectType) })}
        />
        <Select
          data-testid="filter-category"
          aria-label={t('catalog.prop.category')}
          style={{ width: 140 }}
          value={filter.category ?? ''}
          options={choice(CATEGORIES, (v) => t(CATEGORY_LABELS[v]), t('catalog.filter.allCategories'))}
          onChange={(v) => set({ category: v === '' ? undefined : (v as Category) })}
        />
        <Select
          data-testid="filter-severity"
          aria-label={t('catalog.prop.severity')}
          style={{ width: 140 }}
          value={filter.severity ?? ''}
          options={choice(SEVERITIES, (v) => t(SEVERITY_LABELS[v]), t('catalog.filter.allSeverities'))}
          onChange={(v) => set({ severity: v === '' ? undefined : (v as Severity) })}
        />
        <Select
          data-testid="filter-domain"
          aria-label={t('catalog.prop.keyDomain')}
          style={{ width: 160 }}
          value={filter.keyDomain ?? '*'}
          options={[{ value: '*', label: t('catalog.filter.allDomains') }, ...keyDomains.map((d) => ({ value: d, label: d || t('catalog.crossDomain') }))]}
          onChange={(v) => set({ keyDomain: v === '*' ? undefined : v })}
        />
        <Select
          data-testid="filter-disclosure"
          aria-label={t('catalog.prop.disclosureLevel')}
          style={{ width: 160 }}
          value={filter.disclosureLevel ?? ''}
          options={choice(DISCLOSURE_LEVELS, (v) => t(DISCLOSURE_LABELS[v]), t('catalog.filter.allDisclosure'))}
          onChange={(v) => set({ disclosureLevel: v === '' ? undefined : (v as DisclosureLevel) })}
        />
        <Select
          data-testid="filter-active"
          aria-label={t('catalog.prop.active')}
          style={{ width: 130 }}
          value={filter.active === undefined ? '' : String(filter.active)}
          options={[
            { value: '', label: t('catalog.filter.allActive') },
            { value: 'true', label: t('catalog.active') },
            { value: 'false', label: t('catalog.inactive') },
          ]}
          onChange={(v) => set({ active: v === '' ? undefined : v === 'true' })}
        />
      </Flex>
      {items.error !== undefined && <Alert type="error" showIcon title={describeError(items.error, t)} />}
      <Table<CatalogItem>
        data-testid="catalog-table"
        rowKey="code"
        size="middle"
        loading={items.loading}
        dataSource={shown}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (count) => t('catalog.total', { count }) }}
        columns={[
          { title: t('catalog.prop.code'), dataIndex: 'code', render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
          { title: t('catalog.prop.name'), dataIndex: 'name' },
          { title: t('catalog.prop.subjectType'), dataIndex: 'subjectType', render: (s: SubjectType) => t(SUBJECT_TYPE_LABELS[s]) },
          { title: t('catalog.prop.category'), key: 'category', render: (_, item) => <CategoryTags item={item} /> },
          { title: t('catalog.prop.keyDomain'), dataIndex: 'keyDomain', render: (d: string | null) => d ?? t('catalog.crossDomain') },
          { title: t('catalog.prop.disclosureLevel'), dataIndex: 'disclosureLevel', render: (d: DisclosureLevel) => t(DISCLOSURE_LABELS[d]) },
          {
            title: t('catalog.prop.legalBasis'),
            dataIndex: 'legalBasis',
            render: (basis: string | null) =>
              basis ? (
                <Typography.Text ellipsis={{ tooltip: basis }} style={{ maxWidth: 260 }}>
                  {basis}
                </Typography.Text>
              ) : (
                <Typography.Text type="danger">{t('catalog.noLegalBasis')}</Typography.Text>
              ),
          },
          {
            title: t('catalog.prop.active'),
            dataIndex: 'active',
            render: (active: boolean) => <Badge status={active ? 'success' : 'default'} text={t(active ? 'catalog.active' : 'catalog.inactive')} />,
          },
          {
            title: '',
            key: 'open',
            render: (_, item) => (
              <Button size="small" onClick={() => setOpenCode(item.code)} data-testid={`open-${item.code}`}>
                {t('catalog.open')}
              </Button>
            ),
          },
        ]}
      />
      <ItemDrawer code={openCode} onClose={() => setOpenCode(null)} onChanged={items.reload} />
    </Space>
  );
}

function KeyProfessionsTab() {
  const catalog = useCatalogApi();
  const { t } = useI18n();
  const professions = useApiData(catalog.keyProfessions);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('catalog.professions.intro')}</Typography.Paragraph>
      {professions.error !== undefined && <Alert type="error" showIcon title={describeError(professions.error, t)} />}
      <Table<KeyProfession>
        data-testid="professions-table"
        rowKey="code"
        size="middle"
        loading={professions.loading}
        dataSource={professions.data?.professions ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('catalog.professions.code'), dataIndex: 'code', render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
          { title: t('catalog.professions.name'), dataIndex: 'name' },
          { title: t('catalog.professions.licence'), dataIndex: 'licenceLabel' },
          {
            title: t('catalog.professions.legalBasis'),
            dataIndex: 'legalBasis',
            render: (text: string) => <Typography.Paragraph style={{ maxWidth: 480, margin: 0, whiteSpace: 'normal' }}>{text}</Typography.Paragraph>,
          },
          { title: t('catalog.professions.seedVersion'), dataIndex: 'seedVersion' },
        ]}
      />
    </Space>
  );
}
