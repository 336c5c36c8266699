import { describe, expect, it } from 'vitest';
import type { PublicationRule } from '../catalog/index.ts';
import { extendedWhileListed, isMinorAtAct, isOpenOn, recordWindow } from './windows.ts';

const bySeverity: PublicationRule = {
  kind: 'by_severity',
  periods: {
    minor: { minMonths: 0, maxMonths: 3, publishedByDefault: false },
    ordinary: { minMonths: 3, maxMonths: 12, publishedByDefault: true },
    serious: { minMonths: 12, maxMonths: 36, publishedByDefault: true },
  },
  extendsWhileListed: true,
  basis: '《信用修复管理办法》',
};

describe('publication windows', () => {
  it.each([
    ['ordinary: one year from the decision, last day the day before', bySeverity, 'ordinary', '2026-03-05', { from: '2026-03-05', until: '2027-03-04' }],
    ['serious: three years', bySeverity, 'serious', '2026-01-01', { from: '2026-01-01', until: '2028-12-31' }],
    ['minor: as a rule not published', bySeverity, 'minor', '2026-01-01', null],
    ['long-term (good and basic items)', { kind: 'long_term', extendsWhileListed: false, basis: 'x' }, null, '2020-01-01', { from: '2020-01-01', until: null }],
    ['never published', { kind: 'not_published', extendsWhileListed: false, basis: 'x' }, 'serious', '2026-01-01', null],
    ['fixed 60 months', { kind: 'fixed', minMonths: 0, maxMonths: 60, extendsWhileListed: true, basis: 'x' }, 'serious', '2026-10-09', { from: '2026-10-09', until: '2031-10-08' }],
  ] as const)('%s', (_name, rule, severity, decided, expected) => {
    expect(recordWindow(rule as PublicationRule, severity, decided)).toEqual(expected);
  });

  it('opens on its first day and ends after its last', () => {
    const w = { from: '2026-03-05', until: '2027-03-04' };
    expect([isOpenOn(w, '2026-03-04'), isOpenOn(w, '2026-03-05'), isOpenOn(w, '2027-03-04'), isOpenOn(w, '2027-03-05')]).toEqual([false, true, true, false]);
    expect(isOpenOn({ from: '2020-01-01', until: null }, '2099-01-01')).toBe(true);
  });

  it('lasts while the subject is listed (Henan Art. 19 ¶3), never shorter', () => {
    const w = { from: '2026-03-05', until: '2027-03-04' };
    expect(extendedWhileListed(w, '2029-12-01')).toEqual({ from: '2026-03-05', until: '2029-12-01' });
    expect(extendedWhileListed(w, '2026-12-01')).toEqual(w);
    expect(extendedWhileListed(w, undefined)).toEqual(w);
  });

  it.each([
    ['2008-06-15', '2026-06-14', true],
    ['2008-06-15', '2026-06-15', false],
    ['2008-02-29', '2026-02-28', true],
    ['2008-02-29', '2026-03-01', false],
    ['1990-01-01', '2026-01-01', false],
  ] as const)('born %s, act on %s: minor = %s', (birth, act, minor) => {
    expect(isMinorAtAct(birth, act, 18)).toBe(minor);
  });
});
