import type { ReactNode } from 'react';
import { Table, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';

/** Pieces of the per-department statistics tables (records, objections). */

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

/** The table's totals row: the label under the first column, then one right-aligned cell per column. */
export function TotalsRow({ label, cells }: { label: ReactNode; cells: readonly ReactNode[] }) {
  return (
    <Table.Summary.Row>
      <Table.Summary.Cell index={0}>
        <Typography.Text strong>{label}</Typography.Text>
      </Table.Summary.Cell>
      {cells.map((cell, i) => (
        <Table.Summary.Cell key={i} index={i + 1} align="right">
          {cell}
        </Table.Summary.Cell>
      ))}
    </Table.Summary.Row>
  );
}
