import { describe, expect, it } from 'vitest';
import { classifySubjectCode } from './classify.ts';

const TODAY = '2025-06-30';

describe('classifySubjectCode', () => {
  it.each([
    ['a citizen code', '11010519491231002X', 'person', '11010519491231002X'],
    ['a citizen code with lower-case x and spaces', ' 11010519491231002x ', 'person', '11010519491231002X'],
    ['a legacy 15-digit number', '110105491231002', 'person', '11010519491231002X'],
    ['an organization code', '91350100M000100Y43', 'organization', '91350100M000100Y43'],
    ['an all-digit organization code that fails as a citizen code', '914403001922038216', 'organization', '914403001922038216'],
  ])('reads %s', (_case, input, kind, code) => {
    expect(classifySubjectCode(input, TODAY)).toMatchObject({ ok: true, facts: { kind, code } });
  });

  it.each([
    // Digits (with an optional X) are a person's number typed wrongly.
    ['a citizen code with a wrong check digit', '110105194912310021', 'checksum', 'check character should be X, got 1'],
    ['17 digits', '11010519491231002', 'length', 'expected 18 characters (or 15 digits), got 17'],
    ['a future birth date', '419001203001011230', 'birthdate', 'birth date 2030-01-01 is after today (2025-06-30)'],
    // Anything else is an organization's code typed wrongly.
    ['an organization code with a wrong check character', '91350100M000100Y44', 'checksum', 'check character should be 3, got 4'],
    ['a short organization code', '91350100M00', 'length', 'expected 18 characters, got 11'],
    ['an empty string', '', 'length', 'expected 18 characters, got 0'],
  ])('reports %s', (_case, input, reason, detail) => {
    expect(classifySubjectCode(input, TODAY)).toEqual({ ok: false, reason, detail });
  });
});
