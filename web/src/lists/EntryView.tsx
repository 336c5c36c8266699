import { Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { deadlineOf, type EntryDetail, type ListEntry } from './api.ts';

const STATUS_COLORS: Record<ListEntry['status'], string> = { announced: 'blue', notified: 'orange', proposed: 'gold', listed: 'red', withdrawn: 'default', removed: 'default' };

export function StatusTag({ entry }: { entry: ListEntry }) {
  const { t } = useI18n();
  return (
    <Tag color={entry.list === 'red' && entry.status === 'listed' ? 'green' : STATUS_COLORS[entry.status]} data-testid="entry-status" data-status={entry.status}>
      {t(`lists.status.${entry.status}` as MessageKey)}
    </Tag>
  );
}

export function Deadline({ entry }: { entry: ListEntry }) {
  const { t } = useI18n();
  const date = deadlineOf(entry);
  return date ? <span>{t('lists.until', { date })}</span> : null;
}

/** An entry as both the department and the person see it: facts, history (who, when, why) and notices. */
export function EntryView({ detail }: { detail: EntryDetail }) {
  const { t, apiLanguage, formatInstant } = useI18n();
  const { entry } = detail;
  const lang = apiLanguage === 'en' ? 'en' : 'zh';
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="entry-view">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('lists.list')}>{t(`lists.kind.${entry.list}` as MessageKey)}</Descriptions.Item>
        <Descriptions.Item label={t('lists.subject')}>
          {entry.subjectName}（{entry.subjectCodeMasked}）
        </Descriptions.Item>
        <Descriptions.Item label={t('lists.status')}>
          <StatusTag entry={entry} /> <Deadline entry={entry} />
        </Descriptions.Item>
        {entry.categoryName && <Descriptions.Item label={t('lists.category')}>{entry.categoryName[lang]}</Descriptions.Item>}
        <Descriptions.Item label={t('lists.department')}>{entry.departmentName}</Descriptions.Item>
        <Descriptions.Item label={t('lists.basis')}>{entry.basis}</Descriptions.Item>
        <Descriptions.Item label={t('lists.reason')}>{entry.reason}</Descriptions.Item>
        {entry.measures && <Descriptions.Item label={t('lists.measures')}>{entry.measures}</Descriptions.Item>}
        {entry.sourceText && <Descriptions.Item label={t('lists.sourceText')}>{entry.sourceText}</Descriptions.Item>}
        <Descriptions.Item label={t('lists.records')}>{entry.records.map((r) => `${r.itemCode} ${r.decisionDate ?? ''}`).join('；') || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('lists.proposedOn')}>{entry.proposedOn}</Descriptions.Item>
        {entry.listedOn && (
          <Descriptions.Item label={t('lists.listedOn')}>
            {entry.listedOn} — {entry.endsOn}
          </Descriptions.Item>
        )}
        {entry.removalReason && (
          <Descriptions.Item label={t('lists.removal')}>
            {t(`lists.removalReason.${entry.removalReason}` as MessageKey)} {entry.removedOn}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Title level={5}>{t('lists.history')}</Typography.Title>
      <Timeline
        data-testid="entry-history"
        items={detail.events.map((e) => ({
          children: (
            <span>
              <b>{t(`lists.event.${e.action}` as MessageKey)}</b> · {formatInstant(e.at)}
              {e.actorRole ? ` · ${e.actorRole}` : ''}
              {e.note ? <div>{e.note}</div> : null}
            </span>
          ),
        }))}
      />
      <Typography.Title level={5}>{t('lists.notices')}</Typography.Title>
      {detail.notices.map((n) => (
        <Card key={n.id} size="small" title={n.title[lang]} extra={formatInstant(n.publishedAt)} data-testid={`notice-${n.kind}`}>
          {n.body[lang]}
        </Card>
      ))}
    </Space>
  );
}
