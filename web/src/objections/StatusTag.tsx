import { Space, Tag } from 'antd';
import { useI18n } from '../i18n/index.tsx';
import type { Objection } from './api.ts';

/** 异议处理中 / the outcome, and overdue in red. */
export function StatusTag({ objection }: { objection: Objection }) {
  const { t } = useI18n();
  return (
    <Space size={4}>
      {objection.outcome === null ? <Tag color="processing">{t('objections.status.pending')}</Tag> : <Tag color={objection.outcome === 'upheld' || objection.outcome === 'not_accepted' ? 'default' : 'success'}>{t(`objections.outcome.${objection.outcome}`)}</Tag>}
      {objection.overdue && <Tag color="error">{t('objections.overdue')}</Tag>}
    </Space>
  );
}
