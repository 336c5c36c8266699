import { ConfigError } from './errors.ts';

/** The one source of "now" for every rule (DESIGN.md, decision 4). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date | string): Clock {
  const instant = new Date(at);
  return { now: () => new Date(instant) };
}

export function offsetClock(days: number, base: Clock = systemClock): Clock {
  const offsetMs = days * 86_400_000;
  return { now: () => new Date(base.now().getTime() + offsetMs) };
}

/** A clock tests can move through periods: `clock.advanceDays(365)`. */
export class ManualClock implements Clock {
  private instant: Date;
  constructor(at: Date | string) {
    this.instant = new Date(at);
  }
  now(): Date {
    return new Date(this.instant);
  }
  set(at: Date | string): void {
    this.instant = new Date(at);
  }
  advanceDays(days: number): void {
    this.instant = new Date(this.instant.getTime() + days * 86_400_000);
  }
  advanceMinutes(minutes: number): void {
    this.instant = new Date(this.instant.getTime() + minutes * 60_000);
  }
}

export interface ClockSettings {
  /** CHENGXIN_NOW: a fixed instant. */
  fixedAt?: string;
  /** CHENGXIN_CLOCK_OFFSET_DAYS: a moving clock shifted by whole or fractional days. */
  offsetDays?: number;
  production: boolean;
}

export function clockFromSettings(s: ClockSettings): Clock {
  if ((s.fixedAt !== undefined || s.offsetDays !== undefined) && s.production) {
    const variable = s.fixedAt !== undefined ? 'CHENGXIN_NOW' : 'CHENGXIN_CLOCK_OFFSET_DAYS';
    throw new ConfigError(variable, 'moving the clock is refused when NODE_ENV=production / 生产环境禁止调整时钟');
  }
  if (s.fixedAt !== undefined) return fixedClock(s.fixedAt);
  if (s.offsetDays !== undefined) return offsetClock(s.offsetDays);
  return systemClock;
}

const SHANGHAI = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** China has kept UTC+8 without daylight saving since 1992; earlier instants go through the time-zone database. */
const FIXED_OFFSET_SINCE = Date.UTC(1992, 0, 1);
const UTC_PLUS_8_MS = 8 * 3_600_000;

/** The calendar date (YYYY-MM-DD) of an instant in Asia/Shanghai, where our rules live. */
export function shanghaiDate(at: Date): string {
  const ms = at.getTime();
  // Intl formatting costs microseconds per call, and hot paths (every check, every row) ask for today.
  if (ms >= FIXED_OFFSET_SINCE) return new Date(ms + UTC_PLUS_8_MS).toISOString().slice(0, 10);
  return SHANGHAI.format(at);
}
