import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, isIsoDate, isoWeekday, workingDayCalendar, type OverrideKind } from './working-days.ts';

/** 2025 Spring Festival and Labour Day as in 国办发明电〔2024〕12号. */
const SPRING_2025: Record<string, OverrideKind> = {
  '2025-01-26': 'workday', // Sunday worked
  '2025-01-28': 'holiday',
  '2025-01-29': 'holiday',
  '2025-01-30': 'holiday',
  '2025-01-31': 'holiday',
  '2025-02-01': 'holiday',
  '2025-02-02': 'holiday',
  '2025-02-03': 'holiday',
  '2025-02-04': 'holiday',
  '2025-02-08': 'workday', // Saturday worked
  '2025-04-27': 'workday',
  '2025-05-01': 'holiday',
  '2025-05-02': 'holiday',
  '2025-05-03': 'holiday',
  '2025-05-04': 'holiday',
  '2025-05-05': 'holiday',
};
const cal = workingDayCalendar(SPRING_2025);

describe('dates', () => {
  it.each([
    ['2025-01-28', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['2025-04-31', false],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-1-5', false],
    ['20250105', false],
    [' 2025-01-05', false],
  ])('%s is a date: %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it.each([
    ['2025-01-27', 1],
    ['2025-02-01', 6],
    ['2025-02-02', 7],
    ['1970-01-01', 4],
    ['1969-12-31', 3],
  ])('%s is ISO weekday %i', (date, weekday) => {
    expect(isoWeekday(date)).toBe(weekday);
  });

  it('refuses what is not a date', () => {
    expect(() => cal.isWorkingDay('2025-02-30')).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2025-01-02', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2025-01-02', 1.5)).toThrow(RangeError);
  });
});

describe('working days around Spring Festival 2025', () => {
  it.each([
    ['2025-01-24', true, 'an ordinary Friday'],
    ['2025-01-25', false, 'an ordinary Saturday'],
    ['2025-01-26', true, 'the Sunday worked before the festival (调休上班)'],
    ['2025-01-27', true, 'the Monday before 除夕'],
    ['2025-01-28', false, '除夕 (statutory since Order 795)'],
    ['2025-02-03', false, 'a Monday inside the break'],
    ['2025-02-04', false, '初七, last day of the break'],
    ['2025-02-05', true, 'back to work'],
    ['2025-02-08', true, 'the Saturday worked after the festival'],
    ['2025-02-09', false, 'an ordinary Sunday'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(cal.isWorkingDay(date)).toBe(expected);
  });

  it.each([
    // 河南省社会信用条例 Art. 17: 5 working days to check submitted data.
    ['2025-01-24', 5, '2025-02-07', 'Fri → 26 (Sun, worked), 27, then the break, 5, 6, 7'],
    ['2025-01-27', 1, '2025-02-05', 'the day before 除夕 + 1 jumps the whole break'],
    ['2025-01-27', 3, '2025-02-07', ''],
    ['2025-01-27', 4, '2025-02-08', 'the Saturday worked counts'],
    ['2025-01-27', 5, '2025-02-10', ''],
    ['2025-01-28', 0, '2025-01-28', 'zero days answers the start day'],
    ['2025-01-30', 1, '2025-02-05', 'a start inside the break'],
    ['2025-01-25', 1, '2025-01-26', 'a Saturday start reaches the worked Sunday'],
    ['2025-04-30', 1, '2025-05-06', 'Labour Day 2025: 5 days off'],
    ['2025-04-25', 1, '2025-04-27', 'the Sunday before Labour Day is worked'],
    ['2025-12-31', 1, '2026-01-01', 'outside the overrides: a Thursday is a working day'],
  ])('%s + %i working days = %s %s', (from, n, due) => {
    expect(cal.addWorkingDays(from, n)).toBe(due);
  });

  it.each([
    ['2025-01-24', '2025-02-07', 5],
    ['2025-01-27', '2025-02-04', 0],
    ['2025-01-27', '2025-01-27', 0],
    ['2025-02-07', '2025-01-24', -5],
    // 261 weekdays, minus 1 January (not counted: the start day), minus 6 + 3 weekday holidays, plus 3 worked weekend days.
    ['2025-01-01', '2025-12-31', 261 - 1 - 6 - 3 + 3],
  ])('between %s and %s: %i working days', (from, to, n) => {
    expect(cal.workingDaysBetween(from, to)).toBe(n);
  });

  it('a plain Monday-to-Friday year has 261 working days in 2025', () => {
    expect(workingDayCalendar({}).workingDaysBetween('2024-12-31', '2025-12-31')).toBe(261);
  });
});

const day = fc.integer({ min: 0, max: 365 * 40 }).map((n) => addCalendarDays('2000-01-01', n));
const overridesArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 365 * 41 }), fc.constantFrom<OverrideKind>('holiday', 'workday')), { maxLength: 300 })
  .map((pairs) => new Map(pairs.map(([n, kind]) => [addCalendarDays('2000-01-01', n), kind] as const)));

describe('properties', () => {
  it('the due date is always a working day after the start (n ≥ 1), and exactly n working days away', () => {
    fc.assert(
      fc.property(overridesArb, day, fc.integer({ min: 1, max: 60 }), (overrides, from, n) => {
        const c = workingDayCalendar(overrides);
        const due = c.addWorkingDays(from, n);
        expect(due > from).toBe(true);
        expect(c.isWorkingDay(due)).toBe(true);
        expect(c.workingDaysBetween(from, due)).toBe(n);
      }),
    );
  });

  it('addWorkingDays is monotone in the start date and in n', () => {
    fc.assert(
      fc.property(overridesArb, day, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (overrides, from, gap, n, extra) => {
        const c = workingDayCalendar(overrides);
        const later = addCalendarDays(from, gap);
        expect(c.addWorkingDays(later, n) >= c.addWorkingDays(from, n)).toBe(true);
        expect(c.addWorkingDays(from, n + extra) >= c.addWorkingDays(from, n)).toBe(true);
      }),
    );
  });

  it('adding in two steps equals adding at once', () => {
    fc.assert(
      fc.property(overridesArb, day, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), (overrides, from, a, b) => {
        const c = workingDayCalendar(overrides);
        expect(c.addWorkingDays(c.addWorkingDays(from, a), b)).toBe(c.addWorkingDays(from, a + b));
      }),
    );
  });

  it('workingDaysBetween matches counting day by day, and is antisymmetric', () => {
    fc.assert(
      fc.property(overridesArb, day, fc.integer({ min: -400, max: 400 }), (overrides, from, span) => {
        const c = workingDayCalendar(overrides);
        const to = addCalendarDays(from, span);
        let count = 0;
        for (let d = from; d < to; ) {
          d = addCalendarDays(d, 1);
          if (c.isWorkingDay(d)) count++;
        }
        for (let d = to; d < from; ) {
          d = addCalendarDays(d, 1);
          if (c.isWorkingDay(d)) count--;
        }
        expect(c.workingDaysBetween(from, to)).toBe(count);
        expect(c.workingDaysBetween(to, from)).toBe(0 - count);
      }),
    );
  });

  it('an override decides the day; without one the weekday does', () => {
    fc.assert(
      fc.property(overridesArb, day, (overrides, date) => {
        const expected = overrides.has(date) ? overrides.get(date) === 'workday' : isoWeekday(date) <= 5;
        expect(workingDayCalendar(overrides).isWorkingDay(date)).toBe(expected);
      }),
    );
  });
});
