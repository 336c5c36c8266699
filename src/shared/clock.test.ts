import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shanghaiDate } from './clock.ts';

const viaTimeZoneDatabase = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

describe('shanghaiDate', () => {
  it('agrees with the time-zone database on any instant from 1900 to 2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(shanghaiDate(new Date(ms))).toBe(viaTimeZoneDatabase.format(new Date(ms)));
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['2026-11-29T15:59:59.999Z', '2026-11-29'],
    ['2026-11-29T16:00:00.000Z', '2026-11-30'],
    // 1991 still had summer time (UTC+9): 15:30 UTC was already the next day.
    ['1991-07-01T15:30:00Z', '1991-07-02'],
    ['1991-12-31T16:00:00Z', '1992-01-01'],
  ])('%s is %s in Shanghai', (instant, date) => {
    expect(shanghaiDate(new Date(instant))).toBe(date);
  });
});
