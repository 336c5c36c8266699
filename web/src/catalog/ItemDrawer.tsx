import { useState, type ReactNode } from 'react';
import { Alert, Button, Descriptions, Drawer, List, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { describeError } from '../api/ApiProvider.tsx';
import { useReloadOnChange } from '../components/useReloadOnChange.ts';
import { useUserNames } from '../components/useUserNames.ts';
import { useI18n, type Translate } from '../i18n/index.tsx';
import { hasPermission, useAuth } from '../shell/auth.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { SEVERITIES, definitionOf, useCatalogApi, type CatalogItem, type CatalogItemVersion, type FieldDefinition, type ItemDefinition } from './api.ts';
import { CategoryTags } from './CategoryTags.tsx';
import { ItemEditModal } from './ItemEditModal.tsx';
import {
  CODE_KIND_LABELS,
  DISCLOSURE_LABELS,
  FIELD_ROLE_LABELS,
  FIELD_TYPE_LABELS,
  NOT_ACCEPTING_LABELS,
  PROPERTY_LABELS,
  PUBLICATION_KIND_LABELS,
  RETENTION_LABELS,
  SEVERITY_LABELS,
  SUBJECT_TYPE_LABELS,
} from './labels.ts';

/** One item: the ten elements of Art. 11, its fields, publication and retention, sources, and every version. */
export function ItemDrawer({ code, onClose, onChanged }: { code: string | null; onClose(): void; onChanged(): void }) {
  const catalog = useCatalogApi();
  const { t } = useI18n();
  const { user } = useAuth();
  const canEdit = hasPermission(user, 'catalog:manage');
  const item = useApiData(() => (code ? catalog.item(code) : Promise.resolve(null)));
  const versions = useApiData(() => (code ? catalog.versions(code) : Promise.resolve({ versions: [] })));
  useReloadOnChange(() => {
    item.reload();
    versions.reload();
  }, [code]);
  const [editing, setEditing] = useState(false);
  const current = item.data && item.data.code === code ? item.data : null;

  return (
    <Drawer
      open={code !== null}
      onClose={onClose}
      size="large"
      destroyOnHidden
      title={current ? `${current.name}（${current.code}）` : code}
      extra={
        canEdit &&
        current && (
          <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-item">
            {t('catalog.edit.button')}
          </Button>
        )
      }
    >
      {item.error !== undefined && <Alert type="error" showIcon title={describeError(item.error, t)} />}
      {current && (
        <Tabs
          items={[
            { key: 'detail', label: t('catalog.detail.tab'), children: <ItemDetail item={current} /> },
            { key: 'fields', label: t('catalog.fields.tab', { count: current.fields.length }), children: <FieldsTable fields={current.fields} /> },
            {
              key: 'versions',
              label: t('catalog.versions.tab', { count: current.version }),
              children: <VersionHistory versions={versions.data?.versions} loading={versions.loading} error={versions.error} />,
            },
          ]}
        />
      )}
      {current && canEdit && (
        <ItemEditModal
          open={editing}
          item={current}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            item.reload();
            versions.reload();
            onChanged();
          }}
        />
      )}
    </Drawer>
  );
}

function ItemDetail({ item }: { item: CatalogItem }) {
  const { t, formatInstant } = useI18n();
  const nameOf = useUserNames();
  const p = (key: keyof CatalogItem) => t(PROPERTY_LABELS[key]);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="item-detail">
      {!item.acceptsRecords && (
        <Alert
          type="warning"
          showIcon
          title={t('catalog.detail.notAccepting', { reasons: item.notAcceptingBecause.map((r) => t(NOT_ACCEPTING_LABELS[r])).join('、') })}
        />
      )}
      <Descriptions title={t('catalog.detail.elements')} column={1} size="small" bordered>
        <Descriptions.Item label={p('code')}>{item.code}</Descriptions.Item>
        <Descriptions.Item label={p('name')}>{item.name}</Descriptions.Item>
        <Descriptions.Item label={p('dataFormat')}>{item.dataFormat}</Descriptions.Item>
        <Descriptions.Item label={p('provider')}>{item.provider}</Descriptions.Item>
        <Descriptions.Item label={p('subjectType')}>{t(SUBJECT_TYPE_LABELS[item.subjectType])}</Descriptions.Item>
        <Descriptions.Item label={p('category')}>
          <CategoryTags item={item} />
          {item.severityPerRecord && <Typography.Text type="secondary">{t('catalog.detail.severityPerRecord')}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={p('disclosureLevel')}>{t(DISCLOSURE_LABELS[item.disclosureLevel])}</Descriptions.Item>
        <Descriptions.Item label={p('coverage')}>{item.coverage}</Descriptions.Item>
        <Descriptions.Item label={p('updateCycle')}>{item.updateCycle}</Descriptions.Item>
        <Descriptions.Item label={p('fields')}>{item.fields.map((f) => f.label).join('、')}</Descriptions.Item>
      </Descriptions>
      <Descriptions title={t('catalog.detail.basis')} column={1} size="small" bordered>
        <Descriptions.Item label={p('legalBasis')}>
          <span data-testid="item-legal-basis">{item.legalBasis ?? t('catalog.noLegalBasis')}</span>
        </Descriptions.Item>
        <Descriptions.Item label={p('sourceDocument')}>{item.sourceDocument}</Descriptions.Item>
        <Descriptions.Item label={p('keyDomain')}>{item.keyDomain ?? t('catalog.crossDomain')}</Descriptions.Item>
        <Descriptions.Item label={p('sourceDepartments')}>
          {item.sourceDepartments.map((code) => (
            <Tag key={code}>{code === '*' ? t('catalog.anyDepartment') : code}</Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={p('publication')}>{publicationText(item.publication, t)}</Descriptions.Item>
        <Descriptions.Item label={t('catalog.detail.publicationBasis')}>{item.publication.basis}</Descriptions.Item>
        <Descriptions.Item label={p('retention')}>
          {t(RETENTION_LABELS[item.retention.afterPublication])} — {item.retention.basis}
        </Descriptions.Item>
        <Descriptions.Item label={p('minSubjectAge')}>{item.minSubjectAge ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={p('jointPunishmentBasis')}>{yesNo(item.jointPunishmentBasis, t)}</Descriptions.Item>
        <Descriptions.Item label={p('unconfirmedUtilityArrears')}>{yesNo(item.unconfirmedUtilityArrears, t)}</Descriptions.Item>
        <Descriptions.Item label={p('reducesRights')}>
          {yesNo(item.reducesRights, t)}
          {item.reducesRights && ` · ${p('expertReviewedAt')}: ${item.expertReviewedAt ?? '—'} · ${p('publicCommentAt')}: ${item.publicCommentAt ?? '—'}`}
        </Descriptions.Item>
        <Descriptions.Item label={p('active')}>{t(item.active ? 'catalog.active' : 'catalog.inactive')}</Descriptions.Item>
        <Descriptions.Item label={p('version')}>
          {t('catalog.versionValue', { version: item.version })} · {formatInstant(item.updatedAt)}
          {item.updatedBy && ` · ${nameOf(item.updatedBy)}`}
        </Descriptions.Item>
      </Descriptions>
      {item.notes.length > 0 && <List size="small" header={p('notes')} bordered dataSource={item.notes} renderItem={(note) => <List.Item>{note}</List.Item>} />}
    </Space>
  );
}

const yesNo = (value: boolean, t: Translate) => t(value ? 'catalog.yes' : 'catalog.no');

export function publicationText(p: CatalogItem['publication'], t: Translate): string {
  const kind = t(PUBLICATION_KIND_LABELS[p.kind]);
  let detail = '';
  if (p.kind === 'by_severity' && p.periods) {
    detail = SEVERITIES.flatMap((s) => {
      const period = p.periods?.[s];
      return period ? [t('catalog.detail.period', { severity: t(SEVERITY_LABELS[s]), min: period.minMonths, max: period.maxMonths })] : [];
    }).join('；');
  } else if (p.kind === 'fixed') {
    detail = t('catalog.detail.fixedPeriod', { min: p.minMonths ?? 0, max: p.maxMonths ?? 0 });
  }
  return [kind, detail, p.extendsWhileListed ? t('catalog.detail.extendsWhileListed') : ''].filter(Boolean).join(' · ');
}

function FieldsTable({ fields }: { fields: FieldDefinition[] }) {
  const { t } = useI18n();
  return (
    <Table<FieldDefinition>
      data-testid="fields-table"
      rowKey="name"
      size="small"
      pagination={false}
      dataSource={fields}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('catalog.field.name'), dataIndex: 'name', render: (n: string) => <Typography.Text code>{n}</Typography.Text> },
        { title: t('catalog.field.label'), dataIndex: 'label' },
        {
          title: t('catalog.field.type'),
          key: 'type',
          render: (_, f) => `${t(FIELD_TYPE_LABELS[f.type])}${f.codeKind ? `（${t(CODE_KIND_LABELS[f.codeKind])}）` : ''}${f.maxLength ? ` ≤ ${f.maxLength}` : ''}`,
        },
        { title: t('catalog.field.required'), dataIndex: 'required', render: (r: boolean) => (r ? <Tag color="blue">{t('catalog.field.requiredYes')}</Tag> : '') },
        { title: t('catalog.field.role'), dataIndex: 'role', render: (r?: FieldDefinition['role']) => (r ? t(FIELD_ROLE_LABELS[r]) : '') },
        { title: t('catalog.field.enumValues'), dataIndex: 'enumValues', render: (v?: string[]) => v?.join('、') ?? '' },
        { title: t('catalog.field.aliases'), dataIndex: 'aliases', render: (v?: string[]) => v?.join('、') ?? '' },
      ]}
    />
  );
}

/** What changed between two snapshots: the top-level properties whose values differ. */
export function changedProperties(before: ItemDefinition | null, after: ItemDefinition): (keyof ItemDefinition)[] {
  if (!before) return [];
  return (Object.keys(after) as (keyof ItemDefinition)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

function shortValue(value: unknown, t: Translate): ReactNode {
  if (value === null || value === undefined || value === '') return <Typography.Text type="secondary">{t('catalog.versions.empty')}</Typography.Text>;
  if (typeof value === 'boolean') return yesNo(value, t);
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return <Typography.Text code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{JSON.stringify(value)}</Typography.Text>;
}

function VersionHistory({ versions, loading, error }: { versions: CatalogItemVersion[] | undefined; loading: boolean; error: unknown }) {
  const { t, formatInstant } = useI18n();
  const nameOf = useUserNames();
  if (error !== undefined) return <Alert type="error" showIcon title={describeError(error, t)} />;
  if (loading && !versions) return null;
  const list = versions ?? [];
  return (
    <Timeline
      data-testid="item-versions"
      items={list
        .map((v, i) => {
          const previous = i > 0 ? definitionOf(list[i - 1]!.item) : null;
          const changes = changedProperties(previous, definitionOf(v.item));
          return {
            key: v.version,
            color: v.changeKind === 'update' ? 'blue' : 'gray',
            content: (
              <Space orientation="vertical" size={2} style={{ width: '100%' }} data-testid={`version-${v.version}`}>
                <Typography.Text strong>
                  {t('catalog.versionValue', { version: v.version })} · {t(`catalog.changeKind.${v.changeKind}`)}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {formatInstant(v.changedAt)} · {nameOf(v.changedBy) ?? t('catalog.system')}
                </Typography.Text>
                <Typography.Text>
                  {t('catalog.versions.reason')}: {v.reason}
                </Typography.Text>
                {changes.length > 0 && (
                  <Descriptions size="small" column={1} bordered>
                    {changes.map((key) => (
                      <Descriptions.Item key={key} label={t(PROPERTY_LABELS[key])}>
                        <Space orientation="vertical" size={0}>
                          <span>
                            <Tag>{t('catalog.versions.before')}</Tag>
                            {shortValue(previous?.[key], t)}
                          </span>
                          <span>
                            <Tag color="blue">{t('catalog.versions.after')}</Tag>
                            {shortValue(v.item[key], t)}
                          </span>
                        </Space>
                      </Descriptions.Item>
                    ))}
                  </Descriptions>
                )}
              </Space>
            ),
          };
        })
        .reverse()}
    />
  );
}
