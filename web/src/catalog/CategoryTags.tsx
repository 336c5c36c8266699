import { Space, Tag } from 'antd';
import { useI18n } from '../i18n/index.tsx';
import type { CatalogItem } from './api.ts';
import { CATEGORY_COLORS, CATEGORY_LABELS, SEVERITY_COLORS, SEVERITY_LABELS } from './labels.ts';

/** 守信 / 失信 (with severity) / 基础 as coloured tags. */
export function CategoryTags({ item }: { item: Pick<CatalogItem, 'category' | 'severity'> }) {
  const { t } = useI18n();
  return (
    <Space size={4}>
      <Tag color={CATEGORY_COLORS[item.category]}>{t(CATEGORY_LABELS[item.category])}</Tag>
      {item.severity && <Tag color={SEVERITY_COLORS[item.severity]}>{t(SEVERITY_LABELS[item.severity])}</Tag>}
    </Space>
  );
}
