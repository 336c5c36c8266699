import { Tag } from 'antd';
import { useI18n } from '../i18n/index.tsx';
import { SEVERITY_COLORS, SEVERITY_LABELS } from './labels.ts';

/** A bad record's severity (minor / ordinary / serious), or a dash for records without one. */
export function SeverityTag({ severity }: { severity: string | null }) {
  const { t } = useI18n();
  if (severity === null) return <>—</>;
  const label = SEVERITY_LABELS[severity];
  return <Tag color={SEVERITY_COLORS[severity]}>{label ? t(label) : severity}</Tag>;
}
