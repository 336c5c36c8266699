import { describe, expect, it } from 'vitest';
import { escalationOf, escalationRules } from './escalation.ts';
import { workingDayCalendar } from './working-days.ts';

// 2027-01-01 is New Year's Day; weekends otherwise.
const calendar = workingDayCalendar({ '2027-01-01': 'holiday' });
const addWorkingDays = async (date: string, days: number) => calendar.addWorkingDays(date, days);

describe('escalation of an overdue case', () => {
  it('follows the seeded ladder: level 2 three working days after level 1', () => {
    expect(escalationRules.levels).toEqual([
      { level: 1, afterWorkingDays: 0 },
      { level: 2, afterWorkingDays: 3 },
    ]);
  });

  it.each([
    // due on,       today,        expected [level, days overdue] (null: not overdue)
    ['2026-12-03', '2026-12-02', null],
    ['2026-12-03', '2026-12-03', null],
    ['2026-12-03', '2026-12-04', [1, 1]],
    ['2026-12-03', '2026-12-08', [1, 5]], // Fri, Mon, Tue: the third working day after is still level 1
    ['2026-12-03', '2026-12-09', [2, 6]],
    ['2026-12-30', '2027-01-04', [1, 5]], // Thu 31, (Fri 1 holiday), Mon 4
    ['2026-12-30', '2027-01-05', [1, 6]], // Tue 5 is the third working day
    ['2026-12-30', '2027-01-06', [2, 7]],
    ['2026-12-04', '2026-12-05', [1, 1]], // a Saturday after a Friday deadline is already overdue
  ] as const)('due %s, seen %s → %j', async (dueOn, today, expected) => {
    const escalation = await escalationOf(dueOn, today, addWorkingDays);
    expect(escalation === null ? null : [escalation.level, escalation.daysOverdue]).toEqual(expected);
  });
});
