/**
 * Working-day (工作日) arithmetic over a Chinese calendar. Pure functions, no I/O: the caller
 * supplies the overrides (the calendar module reads them from `calendar_days`).
 *
 * - A day is a working day when it is Monday–Friday, unless an override says otherwise:
 *   `holiday` (法定节假日 and the rest days of its 调休) makes it a rest day, `workday` (调休上班,
 *   a Saturday or Sunday worked in exchange) makes it a working day.
 * - Dates are calendar dates in Asia/Shanghai written `YYYY-MM-DD`; nothing here looks at instants.
 *
 * Counting rule (written down once, used everywhere): a period of N working days starting on
 * `from` does not count `from` itself — it begins on the next day (《民法典》第二百零一条: 按照年、
 * 月、日计算期间的，开始的当日不计入，自下一日开始计算; 《行政处罚法》第八十五条 and
 * 《行政许可法》第八十二条 define their short periods in working days, 不含法定节假日). The due
 * date is the N-th working day
 * after `from`, so it is always a working day and a deadline never ends on a rest day
 * (《民法典》第二百零三条). N = 0 answers `from` itself.
 */

export type OverrideKind = 'holiday' | 'workday';

/** Date → kind; a Map, or a plain object for tables in tests. */
export type Overrides = ReadonlyMap<string, OverrideKind> | Readonly<Record<string, OverrideKind>>;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True for a real Gregorian date written YYYY-MM-DD (not 2025-02-29, not 2025-2-3). */
export function isIsoDate(value: string): boolean {
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 (the date's own calendar day, no time zone involved). */
export function toDayNumber(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addCalendarDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return weekdayOf(toDayNumber(date));
}

/** 1970-01-01 was a Thursday (4). */
function weekdayOf(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

const isWeekdayNumber = (dayNumber: number) => weekdayOf(dayNumber) <= 5;

/** Monday–Friday days in [0, n) counted from day number `start`, without iterating. */
function weekdaysInRange(start: number, count: number): number {
  if (count <= 0) return 0;
  const weeks = Math.floor(count / 7);
  let total = weeks * 5;
  for (let d = start + weeks * 7; d < start + count; d++) if (isWeekdayNumber(d)) total++;
  return total;
}

export interface WorkingDayCalendar {
  isWorkingDay(date: string): boolean;
  /** The `days`-th working day after `date` (the start day is not counted); `days` ≥ 0. */
  addWorkingDays(date: string, days: number): string;
  /**
   * Working days in (from, to] — the number of days `addWorkingDays` counted to get from `from`
   * to `to`; negative when `to` is before `from`. So `workingDaysBetween(d, addWorkingDays(d, n)) === n`.
   */
  workingDaysBetween(from: string, to: string): number;
}

/** A calendar over these overrides. Build it once per set of overrides: lookups are by day number. */
export function workingDayCalendar(overrides: Overrides): WorkingDayCalendar {
  const entries: [string, OverrideKind][] = overrides instanceof Map ? [...overrides.entries()] : Object.entries(overrides as Record<string, OverrideKind>);
  const byDay = new Map<number, OverrideKind>();
  for (const [date, kind] of entries) byDay.set(toDayNumber(date), kind);
  // Sorted day numbers, for counting overrides inside a range by binary search.
  const sorted = [...byDay.keys()].sort((a, b) => a - b);

  const working = (n: number): boolean => {
    const kind = byDay.get(n);
    return kind === undefined ? isWeekdayNumber(n) : kind === 'workday';
  };

  const lowerBound = (x: number): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  /** Working days in day numbers [a, b). */
  const countIn = (a: number, b: number): number => {
    let total = weekdaysInRange(a, b - a);
    for (let i = lowerBound(a); i < sorted.length && sorted[i]! < b; i++) {
      const n = sorted[i]!;
      const plain = isWeekdayNumber(n);
      const actual = byDay.get(n) === 'workday';
      if (plain !== actual) total += actual ? 1 : -1;
    }
    return total;
  };

  return {
    isWorkingDay: (date) => working(toDayNumber(date)),
    addWorkingDays(date, days) {
      if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${days}`);
      let n = toDayNumber(date);
      let left = days;
      while (left > 0) {
        n += 1;
        if (working(n)) left -= 1;
      }
      return fromDayNumber(n);
    },
    workingDaysBetween(from, to) {
      const a = toDayNumber(from);
      const b = toDayNumber(to);
      return b >= a ? countIn(a + 1, b + 1) : 0 - countIn(b + 1, a + 1);
    },
  };
}

/** One-off helpers over a set of overrides (build a `workingDayCalendar` when calling in a loop). */
export const isWorkingDay = (overrides: Overrides, date: string): boolean => workingDayCalendar(overrides).isWorkingDay(date);
export const addWorkingDays = (overrides: Overrides, date: string, days: number): string => workingDayCalendar(overrides).addWorkingDays(date, days);
export const workingDaysBetween = (overrides: Overrides, from: string, to: string): number => workingDayCalendar(overrides).workingDaysBetween(from, to);
