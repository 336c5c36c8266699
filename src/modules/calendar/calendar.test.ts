import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/db.ts';
import type { Actor, RequestContext } from '../../shared/context.ts';
import { InvalidInput } from '../../shared/errors.ts';
import { isoWeekday } from '../../shared/working-days.ts';
import holidaySeed from './seed/holidays.json' with { type: 'json' };
import { CalendarService, expandSeed, type HolidaySeed } from './service.ts';

const admin: Actor = { userId: 'u-admin', username: 'admin', role: 'platform_admin', departmentId: null, personId: null, permissions: new Set(['calendar:read', 'calendar:manage']) };
const adminContext = (): RequestContext => ({ actor: admin, channel: 'http', requestId: 'req-calendar' });

describe('seed/holidays.json', () => {
  const days = expandSeed(holidaySeed as HolidaySeed);

  it('covers 2024–2027, each year citing its source; only 2027 is marked verify', () => {
    expect(holidaySeed.years.map((y) => [y.year, y.verify])).toEqual([
      [2024, false],
      [2025, false],
      [2026, false],
      [2027, true],
    ]);
    for (const y of holidaySeed.years) expect(y.source.length).toBeGreaterThan(10);
    expect(holidaySeed.years[0]!.source).toContain('国办发明电〔2023〕7号');
    expect(holidaySeed.years[1]!.source).toContain('国办发明电〔2024〕12号');
  });

  it('every adjusted working day is a weekend day, every seed day is in its year', () => {
    for (const d of days.values()) {
      expect(d.date.startsWith(String(d.year.year))).toBe(true);
      if (d.snapshot.kind === 'workday') expect(isoWeekday(d.date), d.date).toBeGreaterThanOrEqual(6);
    }
  });

  it.each([
    // Order 795 (2025-01-01): 13 statutory days; the notices arrange them into these breaks.
    [2024, 1 + 8 + 3 + 5 + 1 + 3 + 7, 8],
    [2025, 1 + 8 + 3 + 5 + 3 + 8, 5],
    [2026, 3 + 9 + 3 + 5 + 3 + 3 + 7, 6],
    [2027, 1 + 4 + 1 + 2 + 1 + 1 + 3, 0],
  ])('%i: %i rest days and %i adjusted working days', (year, holidays, workdays) => {
    const ofYear = [...days.values()].filter((d) => d.year.year === year);
    expect(ofYear.filter((d) => d.snapshot.kind === 'holiday')).toHaveLength(holidays);
    expect(ofYear.filter((d) => d.snapshot.kind === 'workday')).toHaveLength(workdays);
  });

  it('refuses a seed whose adjusted working day is a weekday', () => {
    const bad: HolidaySeed = { version: 'x', years: [{ year: 2030, source: 'test', verify: false, festivals: [{ name: '测试', text: '', rest: { from: '2030-01-01', to: '2030-01-01' }, workdays: ['2030-01-02'] }] }] };
    expect(() => expandSeed(bad)).toThrow(/not a Saturday or Sunday/);
  });
});

describeEachDatabase('calendar service', (get) => {
  let calendar: CalendarService;

  beforeAll(() => {
    calendar = get().services.calendar;
  });

  const count = async (table: 'calendarDays' | 'calendarDayChanges') =>
    Number((await get().database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('seeds every day of the seed file with its source and a seed change', async () => {
    const expected = expandSeed(holidaySeed as HolidaySeed);
    expect(await count('calendarDays')).toBe(expected.size);
    expect(await count('calendarDayChanges')).toBe(expected.size);
    const year = await calendar.listYear(2026);
    const springFestival = year.days.find((d) => d.date === '2026-02-17');
    expect(springFestival).toMatchObject({ kind: 'holiday', name: '春节', verify: false, seedVersion: holidaySeed.version, updatedBy: null });
    expect(springFestival!.source).toContain('2026年部分节假日安排');
    const [seeded] = await calendar.history('2026-02-17');
    expect(seeded).toMatchObject({ changeKind: 'seed', before: null, after: { kind: 'holiday', name: '春节' }, changedBy: null });
    expect(seeded!.reason).toContain(holidaySeed.version);
  });

  it('counts a year: 2025 has 248 working days (261 weekdays − 18 holiday weekdays + 5 worked weekends)', async () => {
    const y2025 = await calendar.listYear(2025);
    expect(y2025.counts).toEqual({ days: 365, workingDays: 248, restDays: 117, holidays: 28, adjustedWorkdays: 5 });
    expect(y2025.unconfirmed).toBe(false);
    expect(y2025.sources).toEqual([holidaySeed.years[1]!.source]);
    const y2027 = await calendar.listYear(2027);
    expect(y2027.unconfirmed).toBe(true);
    expect(y2027.notes.join()).toContain('未找到国务院办公厅关于2027年');
    const y2030 = await calendar.listYear(2030);
    expect(y2030).toMatchObject({ days: [], unconfirmed: true, counts: { holidays: 0, adjustedWorkdays: 0 } });
  });

  it.each([
    ['2026-02-13', 1, '2026-02-14', 'the Saturday before Spring Festival 2026 is worked'],
    ['2026-02-14', 1, '2026-02-24', 'the nine-day break 15–23 February is skipped'],
    ['2026-02-12', 5, '2026-02-26', 'Henan Art. 17: five working days across the festival'],
    ['2026-02-27', 1, '2026-02-28', 'the Saturday after is worked'],
    ['2025-01-27', 1, '2025-02-05', '除夕 2025 is a holiday since Order 795'],
    ['2024-02-08', 1, '2024-02-09', '除夕 2024 was only encouraged rest: a working day'],
    ['2024-04-30', 1, '2024-05-06', 'Labour Day 2024'],
    ['2026-09-30', 3, '2026-10-10', 'National Day 2026: 8, 9, then Saturday 10 October is worked'],
    ['2026-12-31', 1, '2027-01-04', '元旦 2027 (verify) then the weekend'],
  ])('%s + %i working days = %s (%s)', async (from, n, due) => {
    expect(await calendar.addWorkingDays(from, n)).toBe(due);
    expect(await calendar.workingDaysBetween(from, due)).toBe(n);
  });

  it('answers whether a day is a working day', async () => {
    expect(await calendar.isWorkingDay('2026-02-16')).toBe(false);
    expect(await calendar.isWorkingDay('2026-02-28')).toBe(true);
    expect(await calendar.isWorkingDay('2026-03-01')).toBe(false);
  });

  it('the addWorkingDays function works when passed around as a callback', async () => {
    const { addWorkingDays } = calendar;
    expect(await addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
  });

  it('a deadline names the unconfirmed years it crosses', async () => {
    expect(await calendar.deadline('2026-02-12', 5)).toEqual({ from: '2026-02-12', workingDays: 5, due: '2026-02-26', unconfirmedYears: [] });
    expect((await calendar.deadline('2026-12-28', 10)).unconfirmedYears).toEqual([2027]);
    expect((await calendar.deadline('2027-12-28', 10)).unconfirmedYears).toEqual([2027, 2028]);
  });

  it.each([
    ['2026-02-30', 'calendar.date_invalid'],
    ['2026-2-3', 'calendar.date_invalid'],
    ['1989-12-31', 'calendar.date_out_of_range'],
    ['2101-01-01', 'calendar.date_out_of_range'],
  ])('refuses the start date %s with %s', async (from, code) => {
    await expect(calendar.addWorkingDays(from, 1)).rejects.toMatchObject({ code, field: 'from' });
  });

  it('refuses a negative or fractional number of working days and a year outside 1990–2100', async () => {
    await expect(calendar.deadline('2026-01-05', -1)).rejects.toBeInstanceOf(InvalidInput);
    await expect(calendar.deadline('2026-01-05', 1.5)).rejects.toMatchObject({ code: 'calendar.working_days_invalid', field: 'workingDays' });
    await expect(calendar.listYear(1989)).rejects.toMatchObject({ code: 'calendar.year_out_of_range', field: 'year' });
  });

  it('an admin adds a holiday with a reason: the day, the change and the access-log entry land together, and deadlines see it at once', async () => {
    const auditBefore = await get().services.audit.count('calendar.day_set');
    expect(await calendar.addWorkingDays('2026-12-03', 1)).toBe('2026-12-04');
    const result = await calendar.setDay(adminContext(), '2026-12-04', 'holiday', ' 临时休假 ', '测试：市政府临时通知');
    expect(result).toMatchObject({ date: '2026-12-04', kind: 'holiday', isWorkingDay: false, changed: true, day: { name: '临时休假', updatedBy: 'u-admin', seedVersion: null, verify: false } });
    expect(await calendar.addWorkingDays('2026-12-03', 1)).toBe('2026-12-07');
    const [change] = await calendar.history('2026-12-04');
    expect(change).toMatchObject({ changeKind: 'edit', before: null, after: { kind: 'holiday', name: '临时休假' }, changedBy: 'u-admin', reason: '测试：市政府临时通知' });
    expect(await get().services.audit.count('calendar.day_set')).toBe(auditBefore + 1);

    // Back to normal: the override goes, the history keeps both changes.
    const normal = await calendar.setDay(adminContext(), '2026-12-04', 'normal', null, '撤销临时休假');
    expect(normal).toMatchObject({ kind: 'normal', isWorkingDay: true, day: null, changed: true });
    expect((await calendar.history('2026-12-04')).map((c) => [c.before?.kind ?? 'normal', c.after?.kind ?? 'normal'])).toEqual([
      ['holiday', 'normal'],
      ['normal', 'holiday'],
    ]);
  });

  it('setting a day to what it already is writes nothing', async () => {
    const changes = await count('calendarDayChanges');
    const result = await calendar.setDay(adminContext(), '2026-03-03', 'normal', null, '无变化');
    expect(result).toMatchObject({ kind: 'normal', changed: false, isWorkingDay: true });
    expect(await count('calendarDayChanges')).toBe(changes);
  });

  it('a reason is required and nothing is written without one', async () => {
    const changes = await count('calendarDayChanges');
    await expect(calendar.setDay(adminContext(), '2026-03-04', 'holiday', '测试', ' x ')).rejects.toMatchObject({ code: 'calendar.reason_required', field: 'reason' });
    await expect(calendar.setDay(adminContext(), '2026-02-31', 'holiday', '测试', '理由充分')).rejects.toMatchObject({ code: 'calendar.date_invalid', field: 'date' });
    expect(await count('calendarDayChanges')).toBe(changes);
    expect(await calendar.isWorkingDay('2026-03-04')).toBe(true);
  });

  it('confirms a verify day of 2027 when an admin sets it, keeping the source when the kind stays', async () => {
    const before = (await calendar.listYear(2027)).days.find((d) => d.date === '2027-02-08')!;
    expect(before).toMatchObject({ kind: 'holiday', verify: true });
    const result = await calendar.setDay(adminContext(), '2027-02-08', 'holiday', '春节', '已按国务院办公厅2027年通知核对');
    expect(result.day).toMatchObject({ kind: 'holiday', name: '春节', verify: false, source: before.source });
  });

  it('seeding again writes nothing and never overwrites an admin’s edit — not even a day set back to normal', async () => {
    await calendar.setDay(adminContext(), '2026-10-10', 'normal', null, '测试：取消调休上班');
    await calendar.setDay(adminContext(), '2026-02-16', 'holiday', '春节（腊月二十九）', '名称细化');
    const days = await count('calendarDays');
    const changes = await count('calendarDayChanges');
    const seedEntries = await get().services.audit.count('calendar.seed');
    expect(await calendar.seed()).toEqual({ seedVersion: holidaySeed.version, added: 0, updated: 0, removed: 0 });
    expect([await count('calendarDays'), await count('calendarDayChanges'), await get().services.audit.count('calendar.seed')]).toEqual([days, changes, seedEntries]);
    expect(await calendar.isWorkingDay('2026-10-10')).toBe(false); // a Saturday, no longer worked
    expect((await calendar.listYear(2026)).days.find((d) => d.date === '2026-02-16')!.name).toBe('春节（腊月二十九）');
  });

  it('a new seed version updates and removes days only the seed wrote', async () => {
    const { database, clock, services } = get();
    const next: HolidaySeed = structuredClone(holidaySeed as HolidaySeed);
    next.version = 'test-next';
    const y2027 = next.years.find((y) => y.year === 2027)!;
    y2027.verify = false;
    y2027.source = '国务院办公厅关于2027年部分节假日安排的通知（测试）';
    y2027.festivals = y2027.festivals.filter((f) => f.name !== '端午节');
    const other = new CalendarService(database.db, clock, services.audit, { seed: next });
    const result = await other.seed();
    // 2027: 13 days, one edited by the admin above (2027-02-08) stays; 端午 removed.
    expect(result).toEqual({ seedVersion: 'test-next', added: 0, updated: 11, removed: 1 });
    const y = await other.listYear(2027);
    expect(y.unconfirmed).toBe(false);
    expect(y.days.find((d) => d.date === '2027-06-09')).toBeUndefined();
    expect(y.days.find((d) => d.date === '2027-02-08')!.updatedBy).toBe('u-admin');
    expect((await other.history('2027-06-09'))[0]).toMatchObject({ changeKind: 'seed', after: null, before: { name: '端午节' } });
  });

  it('two services seeding at once write each day once', async () => {
    const { database, clock, services } = get();
    const next: HolidaySeed = { version: 'race', years: [{ year: 2031, source: '测试', verify: true, festivals: [{ name: '元旦', text: '', rest: { from: '2031-01-01', to: '2031-01-01' }, workdays: [] }] }] };
    const a = new CalendarService(database.db, clock, services.audit, { seed: next });
    const b = new CalendarService(database.db, clock, services.audit, { seed: next });
    const results = await Promise.all([a.seed(), b.seed()]);
    expect(results.map((r) => r.added).sort()).toEqual([0, 1]);
    expect(await a.history('2031-01-01')).toHaveLength(1);
  });

  it('an edit made by another instance is seen after invalidation (or the cache age)', async () => {
    const { database, clock, services } = get();
    const other = new CalendarService(database.db, clock, services.audit);
    await other.setDay(adminContext(), '2026-12-11', 'holiday', '测试', '另一进程的修改');
    // This instance still holds its cache until it expires or is invalidated.
    calendar.invalidate();
    expect(await calendar.isWorkingDay('2026-12-11')).toBe(false);
  });
});
