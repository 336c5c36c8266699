import type { Locale } from '../i18n/index.tsx';
import type { RowError } from './api.ts';

/** The server's bilingual message in the page's language. */
export function inLanguage(message: RowError['message'], locale: Locale): string {
  return locale === 'zh-CN' ? message.zh : message.en;
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** 1536 → "1.5 KB": binary multiples, one decimal above bytes. */
export function formatBytes(bytes: number, formatNumber: (n: number) => string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumber(unit === 0 ? value : Math.round(value * 10) / 10)} ${UNITS[unit]}`;
}

/** The instant a due date (YYYY-MM-DD, Asia/Shanghai) ends: the check must be answered before it. */
export function endOfDueDate(dueDate: string): number {
  return new Date(`${dueDate}T00:00:00+08:00`).getTime() + 86_400_000;
}

/** Today's date in Asia/Shanghai, YYYY-MM-DD (DESIGN.md: dates at the edges are in Asia/Shanghai). */
export function shanghaiDate(instant: Date | string): string {
  const d = new Date(new Date(instant).getTime() + 8 * 3_600_000);
  return d.toISOString().slice(0, 10);
}

/** Whole days, hours, minutes and seconds of a duration in milliseconds (never negative). */
export function splitDuration(ms: number): { days: number; hours: number; minutes: number; seconds: number } {
  const total = Math.max(0, Math.floor(ms / 1000));
  return { days: Math.floor(total / 86_400), hours: Math.floor((total % 86_400) / 3600), minutes: Math.floor((total % 3600) / 60), seconds: total % 60 };
}
