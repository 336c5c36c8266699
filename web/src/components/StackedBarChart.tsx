import { Flex, Space, Typography, theme } from 'antd';
import { niceCeiling } from '../admin/CountsChart.tsx';

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
  /** One value per category, in the order of `categories`. */
  values: number[];
}

/** A category label for a chart: long names are cut (the table beside the chart has them whole). */
export function shortLabel(name: string): string {
  return name.length > 8 ? `${name.slice(0, 7)}…` : name;
}

const WIDTH = 720;
const HEIGHT = 260;
const PAD = { top: 20, right: 16, bottom: 44, left: 48 };

/**
 * Plain-SVG stacked bars (like CountsChart: a few dozen bars need no chart library): one bar per
 * category, one colour per series, with a legend. Each bar carries its total in `data-total`.
 */
export function StackedBarChart({
  categories,
  series,
  label,
  formatNumber,
  testId,
}: {
  categories: { key: string; label: string }[];
  series: ChartSeries[];
  label: string;
  formatNumber(n: number): string;
  testId?: string;
}) {
  const { token } = theme.useToken();
  const totals = categories.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const max = niceCeiling(Math.max(0, ...totals));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotWidth / Math.max(1, categories.length);
  const barWidth = Math.min(40, slot * 0.6);
  const y = (v: number) => PAD.top + plotHeight - (v / max) * plotHeight;
  const step = max >= 5 ? max / 5 : 1;
  const ticks = Array.from({ length: max / step + 1 }, (_, i) => i * step);
  // Long category lists label every other bar, so the labels do not overlap.
  const labelEvery = categories.length > 16 ? Math.ceil(categories.length / 16) : 1;

  return (
    <div data-testid={testId}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={label} style={{ display: 'block', maxHeight: 320 }}>
        <title>{label}</title>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} stroke={token.colorBorderSecondary} />
            <text x={PAD.left - 8} y={y(tick)} dy="0.32em" textAnchor="end" fontSize={12} fill={token.colorTextTertiary}>
              {formatNumber(tick)}
            </text>
          </g>
        ))}
        {categories.map((category, i) => {
          const cx = PAD.left + slot * (i + 0.5);
          let base = 0;
          return (
            <g key={category.key} data-category={category.key} data-total={totals[i]}>
              {series.map((s) => {
                const value = s.values[i] ?? 0;
                if (value === 0) return null;
                const top = y(base + value);
                const bottom = y(base);
                base += value;
                return (
                  <rect key={s.key} x={cx - barWidth / 2} y={top} width={barWidth} height={bottom - top} fill={s.color}>
                    <title>{`${category.label} · ${s.label}: ${formatNumber(value)}`}</title>
                  </rect>
                );
              })}
              {(totals[i] ?? 0) > 0 && (
                <text x={cx} y={y(totals[i] ?? 0) - 4} textAnchor="middle" fontSize={12} fontWeight={600} fill={token.colorText}>
                  {formatNumber(totals[i] ?? 0)}
                </text>
              )}
              {i % labelEvery === 0 && (
                <text x={cx} y={HEIGHT - PAD.bottom + 18} textAnchor="middle" fontSize={12} fill={token.colorTextSecondary}>
                  {category.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <Flex wrap gap="middle" justify="center">
        {series.map((s) => (
          <Space key={s.key} size={6}>
            <span aria-hidden style={{ display: 'inline-block', width: 12, height: 12, borderRadius: 2, background: s.color }} />
            <Typography.Text type="secondary">{s.label}</Typography.Text>
          </Space>
        ))}
      </Flex>
    </div>
  );
}
