import type { Clock } from '../../shared/clock.ts';
import type { RequestContext } from '../../shared/context.ts';
import { Conflict, InvalidInput } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { addCalendarDays, isIsoDate, isoWeekday, toDayNumber, workingDayCalendar, type OverrideKind, type WorkingDayCalendar } from '../../shared/working-days.ts';
import { inTransaction, type Db } from '../../db/index.ts';
import type { AuditLog } from '../audit/index.ts';
import * as repo from './repo.ts';
import {
  MAX_WORKING_DAYS,
  MAX_YEAR,
  MIN_YEAR,
  type CalendarDay,
  type CalendarDayChange,
  type CalendarYear,
  type DayKind,
  type DaySnapshot,
  type Deadline,
  type SetDayKind,
  type SetDayResult,
} from './schema.ts';
import holidaySeed from './seed/holidays.json' with { type: 'json' };

const MIN_REASON = 2;
const MAX_NAME = 50;
/** What `source` says for a day an admin set without naming a document. */
export const ADMIN_SOURCE = '管理员设置（依据见修改理由）';

export const CALENDAR_SEED_VERSION: string = holidaySeed.version;

export interface HolidaySeedYear {
  year: number;
  source: string;
  verify: boolean;
  note?: string;
  festivals: { name: string; text: string; rest: { from: string; to: string }; workdays: string[] }[];
}

export interface HolidaySeed {
  version: string;
  years: HolidaySeedYear[];
}

export interface CalendarServiceOptions {
  /** The seed file (tests pass their own). */
  seed?: HolidaySeed;
  /**
   * How long the in-memory overrides stay trusted without an edit in this process. Edits made
   * here invalidate at once; this bounds how long an edit made by another process (the CLI, a
   * second server) takes to be seen.
   */
  cacheMaxAgeMs?: number;
}

interface Cached {
  calendar: WorkingDayCalendar;
  /** Years with at least one stored day, and those with a day still marked verify. */
  knownYears: Set<number>;
  verifyYears: Set<number>;
  loadedAt: number;
}

const yearOf = (date: string) => Number(date.slice(0, 4));

function checkDate(value: string, field: string): string {
  if (!isIsoDate(value)) throw new InvalidInput('calendar.date_invalid', field, 'not_a_date', { value });
  const year = yearOf(value);
  if (year < MIN_YEAR || year > MAX_YEAR) throw new InvalidInput('calendar.date_out_of_range', field, 'out_of_range', { value, min: MIN_YEAR, max: MAX_YEAR });
  return value;
}

function checkYear(year: number): number {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw new InvalidInput('calendar.year_out_of_range', 'year', 'out_of_range', { value: year, min: MIN_YEAR, max: MAX_YEAR });
  return year;
}

function checkWorkingDays(days: number): number {
  if (!Number.isInteger(days) || days < 0 || days > MAX_WORKING_DAYS) throw new InvalidInput('calendar.working_days_invalid', 'workingDays', 'out_of_range', { value: days, max: MAX_WORKING_DAYS });
  return days;
}

function checkReason(reason: string): string {
  const why = reason.trim();
  if (why.length < MIN_REASON) throw new InvalidInput('calendar.reason_required', 'reason', 'too_short', { minLength: MIN_REASON });
  return why;
}

function dayOf(row: repo.CalendarDayRow): CalendarDay {
  return {
    date: row.date,
    kind: row.kind as DayKind,
    name: row.name,
    source: row.source,
    verify: row.verify === 1,
    note: row.note,
    seedVersion: row.seedVersion,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt,
  };
}

function snapshotOf(row: repo.CalendarDayRow | undefined): DaySnapshot {
  return row ? { kind: row.kind as DayKind, name: row.name, source: row.source, verify: row.verify === 1, note: row.note } : null;
}

const sameSnapshot = (a: DaySnapshot, b: DaySnapshot) => JSON.stringify(a) === JSON.stringify(b);

interface SeedDay {
  date: string;
  snapshot: NonNullable<DaySnapshot>;
  year: HolidaySeedYear;
}

/**
 * The seed file as days, checked: real dates inside their year, rest ranges in order, no date
 * both rest and work, and 调休上班 only on a Saturday or Sunday (a weekday is a working day anyway).
 */
export function expandSeed(seed: HolidaySeed): Map<string, SeedDay> {
  const days = new Map<string, SeedDay>();
  const fail = (year: number, what: string) => {
    throw new Error(`calendar seed/holidays.json ${seed.version}, year ${year}: ${what}`);
  };
  for (const year of seed.years) {
    const add = (date: string, kind: OverrideKind, name: string) => {
      if (!isIsoDate(date) || yearOf(date) !== year.year) fail(year.year, `${date} is not a date of ${year.year}`);
      if (days.has(date)) fail(year.year, `${date} is listed twice`);
      const note = [year.note, kind === 'workday' ? '调休上班' : null].filter(Boolean).join('；') || null;
      days.set(date, { date, year, snapshot: { kind, name, source: year.source, verify: year.verify, note } });
    };
    for (const f of year.festivals) {
      const { from, to } = f.rest;
      if (!isIsoDate(from) || !isIsoDate(to) || from > to) fail(year.year, `${f.name}: bad rest range ${from}..${to}`);
      for (let d = from; d <= to; d = addCalendarDays(d, 1)) add(d, 'holiday', f.name);
      for (const w of f.workdays) {
        if (!isIsoDate(w) || isoWeekday(w) < 6) fail(year.year, `${f.name}: adjusted working day ${w} is not a Saturday or Sunday`);
        add(w, 'workday', f.name);
      }
    }
  }
  return days;
}

/**
 * The working-day calendar (工作日日历): which days count for deadlines in working days (Henan
 * Art. 17: 5 working days to check data; Art. 41–43: 1, 3, 7 working days …). Weekends rest and
 * weekdays work unless a stored day says otherwise — statutory holidays and their 调休 rest days
 * (`holiday`), weekends worked in exchange (`workday`). Seeded from the State Council General
 * Office's yearly notices (`seed/holidays.json`); an admin changes a day with a reason, and every
 * change keeps who, when, why, before and after (DESIGN.md decision 2), written with its access-log
 * entry in one transaction.
 *
 * Counting follows `shared/working-days.ts`: the start day is not counted (《民法典》Art. 201).
 * Deadline computation is hot, so the overrides are held in memory, dropped on every edit here.
 */
export class CalendarService {
  private cached: Cached | null = null;
  private loading: Promise<Cached> | null = null;
  /** Bumped by every invalidation, so a load that started before an edit is not kept. */
  private generation = 0;
  private readonly seedFile: HolidaySeed;
  private readonly cacheMaxAgeMs: number;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    options: CalendarServiceOptions = {},
  ) {
    this.seedFile = options.seed ?? (holidaySeed as HolidaySeed);
    this.cacheMaxAgeMs = options.cacheMaxAgeMs ?? 60_000;
  }

  /** Forget the in-memory overrides (after a change made outside this service). */
  invalidate(): void {
    this.generation += 1;
    this.cached = null;
    this.loading = null;
  }

  private async current(): Promise<Cached> {
    const cached = this.cached;
    if (cached && performance.now() - cached.loadedAt < this.cacheMaxAgeMs) return cached;
    if (this.loading) return this.loading;
    const generation = this.generation;
    const load = (async () => {
      const rows = await repo.listAllDays(this.db);
      const overrides = new Map<string, OverrideKind>();
      const knownYears = new Set<number>();
      const verifyYears = new Set<number>();
      for (const row of rows) {
        overrides.set(row.date, row.kind as OverrideKind);
        knownYears.add(yearOf(row.date));
        if (row.verify === 1) verifyYears.add(yearOf(row.date));
      }
      const loaded: Cached = { calendar: workingDayCalendar(overrides), knownYears, verifyYears, loadedAt: performance.now() };
      if (generation === this.generation) this.cached = loaded;
      return loaded;
    })();
    this.loading = load;
    try {
      return await load;
    } finally {
      if (this.loading === load) this.loading = null;
    }
  }

  /**
   * Brings the stored days in line with the seed file, except any date an admin has ever edited
   * (those stay as the admin left them). Days only the seed wrote are added, updated to a newer
   * seed version or removed when the file no longer lists them, each with a `seed` change.
   * Idempotent: a second run writes nothing; safe when two processes seed at once.
   */
  async seed(): Promise<{ seedVersion: string; added: number; updated: number; removed: number }> {
    const wanted = expandSeed(this.seedFile);
    const years = this.seedFile.years.map((y) => y.year);
    if (years.length === 0) return { seedVersion: this.seedFile.version, added: 0, updated: 0, removed: 0 };
    const from = `${Math.min(...years)}-01-01`;
    const to = `${Math.max(...years)}-12-31`;
    const seededYears = new Set(years);
    const now = this.clock.now().toISOString();
    const version = this.seedFile.version;
    const reasonFor = (year: HolidaySeedYear | undefined) => `种子数据 seed/holidays.json ${version}${year ? `；来源：${year.source}` : '；该日期已不在种子文件中'}`;
    const change = (date: string, before: DaySnapshot, after: DaySnapshot, year: HolidaySeedYear | undefined): repo.CalendarDayChangeRow => ({
      id: newId(),
      date,
      changeKind: 'seed',
      beforeDay: before ? JSON.stringify(before) : null,
      afterDay: after ? JSON.stringify(after) : null,
      changedBy: null,
      changedAt: now,
      reason: reasonFor(year),
    });
    const rowOf = (day: SeedDay): repo.CalendarDayRow => ({
      date: day.date,
      kind: day.snapshot.kind,
      name: day.snapshot.name,
      source: day.snapshot.source,
      verify: day.snapshot.verify ? 1 : 0,
      note: day.snapshot.note,
      seedVersion: version,
      updatedBy: null,
      updatedAt: now,
    });

    const result = await inTransaction(this.db, async (tx) => {
      const stored = new Map((await repo.listDaysBetween(tx, from, to)).map((r) => [r.date, r]));
      const edited = await repo.listEditedDates(tx, from, to);
      const changes: repo.CalendarDayChangeRow[] = [];
      let updated = 0;
      let removed = 0;

      const toInsert = [...wanted.values()].filter((d) => !stored.has(d.date) && !edited.has(d.date));
      const inserted = new Set(await repo.insertDaysIfAbsent(tx, toInsert.map(rowOf)));
      for (const day of toInsert) if (inserted.has(day.date)) changes.push(change(day.date, null, day.snapshot, day.year));

      for (const [date, row] of stored) {
        if (edited.has(date) || !seededYears.has(yearOf(date))) continue;
        const want = wanted.get(date);
        const before = snapshotOf(row);
        if (want && !sameSnapshot(before, want.snapshot)) {
          if (await repo.updateDayIf(tx, rowOf(want), row.updatedAt)) {
            changes.push(change(date, before, want.snapshot, want.year));
            updated += 1;
          }
        } else if (!want && row.seedVersion !== null) {
          if (await repo.deleteDayIf(tx, date, row.updatedAt)) {
            changes.push(change(date, before, null, undefined));
            removed += 1;
          }
        }
      }
      await repo.insertChanges(tx, changes);
      const counts = { added: inserted.size, updated, removed };
      if (changes.length > 0) {
        await this.audit.recordIn(tx, { actor: null, channel: 'job', purpose: 'seed reference data' }, {
          action: 'calendar.seed',
          data: { seedVersion: version, years, ...counts },
          result: 'ok',
        });
      }
      return { seedVersion: version, ...counts };
    });
    if (result.added + result.updated + result.removed > 0) this.invalidate();
    return result;
  }

  /** The year's stored days with counts of working and rest days, and whether it is confirmed. */
  async listYear(year: number): Promise<CalendarYear> {
    checkYear(year);
    const rows = await repo.listDaysBetween(this.db, `${year}-01-01`, `${year}-12-31`);
    const calendar = workingDayCalendar(new Map(rows.map((r) => [r.date, r.kind as OverrideKind])));
    const days = toDayNumber(`${year + 1}-01-01`) - toDayNumber(`${year}-01-01`);
    const workingDays = calendar.workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`);
    const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))];
    return {
      year,
      days: rows.map(dayOf),
      counts: {
        days,
        workingDays,
        restDays: days - workingDays,
        holidays: rows.filter((r) => r.kind === 'holiday').length,
        adjustedWorkdays: rows.filter((r) => r.kind === 'workday').length,
      },
      unconfirmed: rows.length === 0 || rows.some((r) => r.verify === 1),
      sources: distinct(rows.map((r) => r.source)),
      notes: distinct(rows.map((r) => r.note)),
    };
  }

  /** True when the date counts as a working day. Arrow functions: safe to pass around as callbacks. */
  readonly isWorkingDay = async (date: string): Promise<boolean> => {
    checkDate(date, 'date');
    return (await this.current()).calendar.isWorkingDay(date);
  };

  /** The `days`-th working day after `date` (the start day is not counted; 0 answers `date`). */
  readonly addWorkingDays = async (date: string, days: number): Promise<string> => {
    checkDate(date, 'from');
    checkWorkingDays(days);
    return (await this.current()).calendar.addWorkingDays(date, days);
  };

  /** Working days in (from, to]; negative when `to` is before `from`. */
  readonly workingDaysBetween = async (from: string, to: string): Promise<number> => {
    checkDate(from, 'from');
    checkDate(to, 'to');
    return (await this.current()).calendar.workingDaysBetween(from, to);
  };

  /** A deadline with the years it crosses that are not confirmed (only weekends known, or verify). */
  async deadline(from: string, workingDays: number): Promise<Deadline> {
    checkDate(from, 'from');
    checkWorkingDays(workingDays);
    const cached = await this.current();
    const due = cached.calendar.addWorkingDays(from, workingDays);
    const unconfirmedYears: number[] = [];
    for (let y = yearOf(from); y <= yearOf(due); y++) if (!cached.knownYears.has(y) || cached.verifyYears.has(y)) unconfirmedYears.push(y);
    return { from, workingDays, due, unconfirmedYears };
  }

  /**
   * Sets a day to a holiday, an adjusted working day or back to normal, with a reason. The day,
   * its change (before/after) and the access-log entry are written in one transaction; setting a
   * day to what it already is writes nothing. A day changed by someone else meanwhile answers
   * `calendar.changed_concurrently` (409).
   */
  async setDay(ctx: RequestContext, date: string, kind: SetDayKind, name: string | null | undefined, reason: string, source?: string | null): Promise<SetDayResult> {
    checkDate(date, 'date');
    const why = checkReason(reason);
    const cleanName = name?.trim() || null;
    if (cleanName !== null && cleanName.length > MAX_NAME) throw new InvalidInput('calendar.name_too_long', 'name', 'too_long', { maxLength: MAX_NAME });
    const now = this.clock.now().toISOString();
    const by = ctx.actor?.userId ?? null;
    const conflict = () => new Conflict('calendar.changed_concurrently', { date });

    const result = await inTransaction(this.db, async (tx) => {
      const row = await repo.findDay(tx, date);
      const before = snapshotOf(row);
      // Without a named document, a day that keeps its kind keeps its source.
      const keptSource = row && row.kind === kind ? row.source : ADMIN_SOURCE;
      const after: DaySnapshot = kind === 'normal' ? null : { kind, name: cleanName, source: source?.trim() || keptSource, verify: false, note: null };
      if (sameSnapshot(before, after)) return { row, changed: false };

      const next: repo.CalendarDayRow | undefined = after
        ? { date, kind: after.kind, name: after.name, source: after.source, verify: 0, note: null, seedVersion: null, updatedBy: by, updatedAt: now }
        : undefined;
      if (!next) {
        if (!(await repo.deleteDayIf(tx, date, row!.updatedAt))) throw conflict();
      } else if (row) {
        if (!(await repo.updateDayIf(tx, next, row.updatedAt))) throw conflict();
      } else if ((await repo.insertDaysIfAbsent(tx, [next])).length !== 1) {
        throw conflict();
      }
      await repo.insertChanges(tx, [
        { id: newId(), date, changeKind: 'edit', beforeDay: before ? JSON.stringify(before) : null, afterDay: after ? JSON.stringify(after) : null, changedBy: by, changedAt: now, reason: why },
      ]);
      await this.audit.recordIn(tx, ctx, { action: 'calendar.day_set', data: { date, before, after, reason: why }, result: 'ok' });
      return { row: next, changed: true };
    });
    if (result.changed) this.invalidate();
    const calendar = (await this.current()).calendar;
    return {
      date,
      kind: result.row ? (result.row.kind as DayKind) : 'normal',
      isWorkingDay: calendar.isWorkingDay(date),
      day: result.row ? dayOf(result.row) : null,
      changed: result.changed,
    };
  }

  /** Changes, newest first: of one date, or all (optionally admin edits only). */
  async history(date?: string, options: { editsOnly?: boolean; limit?: number } = {}): Promise<Omit<CalendarDayChange, 'changedByName'>[]> {
    if (date !== undefined) checkDate(date, 'date');
    const rows = await repo.listChanges(this.db, { ...(date !== undefined ? { date } : {}), editsOnly: options.editsOnly ?? false, limit: options.limit ?? 100 });
    return rows.map((r) => ({
      id: r.id,
      date: r.date,
      changeKind: r.changeKind as CalendarDayChange['changeKind'],
      before: r.beforeDay ? (JSON.parse(r.beforeDay) as DaySnapshot) : null,
      after: r.afterDay ? (JSON.parse(r.afterDay) as DaySnapshot) : null,
      changedBy: r.changedBy,
      changedAt: r.changedAt,
      reason: r.reason,
    }));
  }
}
