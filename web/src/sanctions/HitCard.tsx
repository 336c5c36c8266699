import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import type { Hit, HitTrigger } from './api.ts';

/** One trigger in words: the list entry (and the organization it came through), the record, or the clean status. */
export function TriggerText({ trigger }: { trigger: HitTrigger }) {
  const { t } = useI18n();
  if (trigger.type === 'clean_for_years') return <>{t('sanctions.check.triggerClean')}</>;
  if (trigger.type === 'record') {
    const severity = trigger.severity ? t(`records.severity.${trigger.severity}` as MessageKey) : '—';
    return <>{t('sanctions.check.triggerRecord', { item: trigger.itemCode, severity, date: trigger.decisionDate })}</>;
  }
  const list = t(`sanctions.list.${trigger.list}` as MessageKey);
  return (
    <>
      {t('sanctions.check.triggerList', { list, category: trigger.category ?? '—', listedOn: trigger.listedOn })}
      {trigger.via && ` · ${t('sanctions.check.triggerVia', { organization: trigger.via.organizationName, role: t(`records.linkRole.${trigger.via.role}` as MessageKey) })}`}
    </>
  );
}

/** A measure the check hit: what to do first, then its five elements (Henan Art. 29) and why it applies. */
export function HitCard({ hit }: { hit: Hit }) {
  const { t } = useI18n();
  const punishment = hit.kind === 'punishment';
  return (
    <Card
      size="small"
      data-testid="sanctions-hit"
      data-measure={hit.measure.code}
      title={
        <Space wrap>
          <Tag color={punishment ? 'red' : 'green'}>{t(`sanctions.kind.${hit.kind}`)}</Tag>
          <span>{hit.measure.name}</span>
          <Tag>{t(`sanctions.fit.${hit.measure.severityFit}`)}</Tag>
        </Space>
      }
      extra={
        <Typography.Text type="secondary">
          {hit.memorandum.name}（{hit.memorandum.documentNumber}）
        </Typography.Text>
      }
    >
      <Typography.Paragraph strong data-testid="sanctions-guidance">
        {t('sanctions.check.guidance')}：{hit.measure.guidance}
      </Typography.Paragraph>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('sanctions.check.matter')}>{hit.measure.matter}</Descriptions.Item>
        <Descriptions.Item label={t('sanctions.check.means')}>{hit.measure.means}</Descriptions.Item>
        <Descriptions.Item label={t('sanctions.check.department')}>{hit.measure.implementingDepartment.name}</Descriptions.Item>
        <Descriptions.Item label={t('sanctions.check.basis')}>{hit.basis}</Descriptions.Item>
        <Descriptions.Item label={t('sanctions.check.trigger')}>
          <TriggerText trigger={hit.trigger} />
        </Descriptions.Item>
        {hit.appliesTo.responsiblePersons.length > 0 && (
          <Descriptions.Item label={t('sanctions.check.persons')}>
            {hit.appliesTo.responsiblePersons.map((p) => `${p.name}（${t(`records.linkRole.${p.role}` as MessageKey)}）`).join('、')}
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
