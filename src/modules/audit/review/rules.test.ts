import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, dayWindow, isCalendarDay, isoWeekday, isVolumeSpike, offHoursWindows, reviewDueDays, ruleParamsProblem, type OffHoursParams } from './rules.ts';
import ruleSeed from './seed/review-rules.json' with { type: 'json' };

const OFFICE: OffHoursParams = { workdayStart: '08:00', workdayEnd: '18:30', workingWeekdays: [1, 2, 3, 4, 5], minReads: 1 };

describe('review calendar', () => {
  it.each([
    ['2026-12-01', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['yesterday', false],
  ])('%s is a calendar day: %s', (day, expected) => {
    expect(isCalendarDay(day)).toBe(expected);
  });

  it('a Shanghai day is 16:00Z to 16:00Z', () => {
    expect(dayWindow('2026-12-01')).toEqual({ from: '2026-11-30T16:00:00.000Z', to: '2026-12-01T16:00:00.000Z' });
  });

  it.each([
    ['2026-11-30', 1],
    ['2026-12-05', 6],
    ['2026-12-06', 7],
  ])('%s is ISO weekday %i', (day, weekday) => {
    expect(isoWeekday(day)).toBe(weekday);
  });

  it('off hours on a working day: before start and from the end of the working day', () => {
    expect(offHoursWindows('2026-12-01', OFFICE)).toEqual([
      { from: '2026-11-30T16:00:00.000Z', to: '2026-12-01T00:00:00.000Z' },
      { from: '2026-12-01T10:30:00.000Z', to: '2026-12-01T16:00:00.000Z' },
    ]);
  });

  it('off hours on a weekend: the whole day', () => {
    expect(offHoursWindows('2026-12-05', OFFICE)).toEqual([dayWindow('2026-12-05')]);
  });

  it('working hours starting at midnight leave no morning window', () => {
    expect(offHoursWindows('2026-12-01', { ...OFFICE, workdayStart: '00:00' })).toHaveLength(1);
  });

  it('adding days crosses months and leap days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: -400, max: 400 }), (offset, n) => {
        const day = addDays('2024-01-01', offset);
        expect(isCalendarDay(day)).toBe(true);
        expect(addDays(addDays(day, n), -n)).toBe(day);
      }),
    );
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
  });
});

describe('volume spike arithmetic', () => {
  const p = { factor: 3, baselineDays: 30, minReads: 50 };
  it.each([
    // reads, baseline reads over 30 days (mean = baseline / 30), spike?
    [49, 0, false],
    [50, 0, true],
    [59, 600, false],
    [60, 600, true],
    [89, 900, false],
    [90, 900, true],
  ])('%i reads against %i baseline reads: spike %s', (reads, baseline, expected) => {
    expect(isVolumeSpike(reads, baseline, p)).toBe(expected);
  });
});

describe('reviewDueDays', () => {
  it.each([
    [null, '2026-12-10', ['2026-12-09']],
    ['2026-12-09', '2026-12-10', []],
    ['2026-12-10', '2026-12-10', []],
    ['2026-12-06', '2026-12-10', ['2026-12-07', '2026-12-08', '2026-12-09']],
    ['2026-12-30', '2027-01-02', ['2026-12-31', '2027-01-01']],
  ])('last run %s, today %s: %j', (last, today, expected) => {
    expect(reviewDueDays(last, today)).toEqual(expected);
  });
});

describe('rule parameters', () => {
  it('the seeded rules have valid parameters and cite their basis', () => {
    for (const rule of ruleSeed.rules) {
      expect(ruleParamsProblem(rule.key as 'volume_spike', rule.params), rule.key).toBeNull();
      expect(rule.legalBasis).toMatch(/55号|22239/);
    }
  });

  it.each([
    ['volume_spike', { factor: 0.5, baselineDays: 30, minReads: 50 }, /factor/],
    ['volume_spike', { factor: 3, baselineDays: 30 }, /minReads/],
    ['off_hours', { ...OFFICE, workdayStart: '8:00' }, /workdayStart/],
    ['off_hours', { ...OFFICE, workdayStart: '19:00' }, /later than/],
    ['off_hours', { ...OFFICE, workingWeekdays: [0] }, /workingWeekdays/],
    ['many_subjects', { threshold: 100, extra: 1 }, /.+/],
  ] as const)('%s refuses %j', (key, params, problem) => {
    expect(ruleParamsProblem(key, params)).toMatch(problem);
  });
});
