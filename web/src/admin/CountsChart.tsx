import { theme } from 'antd';

export interface ChartBar {
  key: string;
  label: string;
  value: number;
  color: string;
}

/** Rounds up to 1, 2 or 5 times a power of ten, so the axis reads in round numbers. */
export function niceCeiling(n: number): number {
  if (n <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  const step = [1, 2, 5, 10].find((m) => m * power >= n) ?? 10;
  return step * power;
}

const WIDTH = 640;
const HEIGHT = 260;
const PAD = { top: 28, right: 16, bottom: 40, left: 56 };

/** A plain SVG bar chart: four bars do not need a chart library. */
export function CountsChart({ bars, label, formatNumber }: { bars: ChartBar[]; label: string; formatNumber(n: number): string }) {
  const { token } = theme.useToken();
  const max = niceCeiling(Math.max(0, ...bars.map((b) => b.value)));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotWidth / bars.length;
  const barWidth = Math.min(72, slot * 0.5);
  const y = (v: number) => PAD.top + plotHeight - (v / max) * plotHeight;
  // max is 1, 2 or 5 × 10ⁿ, so fifths are whole numbers from 5 up; below that, step by one.
  const step = max >= 5 ? max / 5 : 1;
  const ticks = Array.from({ length: max / step + 1 }, (_, i) => i * step);

  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={label} data-testid="counts-chart" style={{ display: 'block', maxHeight: 320 }}>
      <title>{label}</title>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} stroke={token.colorBorderSecondary} />
          <text x={PAD.left - 8} y={y(tick)} dy="0.32em" textAnchor="end" fontSize={12} fill={token.colorTextTertiary}>
            {formatNumber(tick)}
          </text>
        </g>
      ))}
      {bars.map((bar, i) => {
        const cx = PAD.left + slot * (i + 0.5);
        const top = y(bar.value);
        return (
          <g key={bar.key}>
            <rect x={cx - barWidth / 2} y={top} width={barWidth} height={PAD.top + plotHeight - top} rx={3} fill={bar.color} />
            <text x={cx} y={top - 6} textAnchor="middle" fontSize={13} fontWeight={600} fill={token.colorText}>
              {formatNumber(bar.value)}
            </text>
            <text x={cx} y={HEIGHT - PAD.bottom + 22} textAnchor="middle" fontSize={13} fill={token.colorTextSecondary}>
              {bar.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
