import type { ReactNode } from 'react';
import { Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';

/**
 * A right-aligned count column of a per-department statistics table; the cell carries
 * `data-testid="stats-<key>"` and `data-value`, and is red when `alarming` and above zero.
 */
export function countColumn<T>(key: keyof T & string, title: ReactNode, formatNumber: (n: number) => string, alarming = false): ColumnType<T> {
  return {
    title,
    dataIndex: key,
    align: 'right',
    render: (n: number) => (
      <Typography.Text type={alarming && n > 0 ? 'danger' : undefined} data-testid={`stats-${key}`} data-value={n}>
        {formatNumber(n)}
      </Typography.Text>
    ),
  };
}
