import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import regions from '../seed/regions.json' with { type: 'json' };
import { checkCharacterFor, makeCitizenCode, parseCitizenCode, type CodeRejection } from './citizen-code.ts';

const TODAY = '2025-06-30';

/**
 * An independent check character: ISO 7064 MOD 11-2 in its recursive form, p ← (p + digit) × 2 mod 11
 * over the 17 digits, then the value that makes the whole congruent to 1, X for 10.
 */
function referenceCheckCharacter(first17: string): string {
  let p = 0;
  for (const digit of first17) p = ((p + Number(digit)) * 2) % 11;
  const value = (12 - p) % 11;
  return value === 10 ? 'X' : String(value);
}

describe('parseCitizenCode accepts valid codes', () => {
  it.each([
    // The worked example of GB 11643-1999.
    ['11010519491231002X', '11010519491231002X', '110105', '北京市朝阳区', '1949-12-31', 'female', false],
    ['11010519491231002x', '11010519491231002X', '110105', '北京市朝阳区', '1949-12-31', 'female', false],
    ['  11010519491231002X\t', '11010519491231002X', '110105', '北京市朝阳区', '1949-12-31', 'female', false],
    ['419001199003071237', '419001199003071237', '419001', '河南省济源市', '1990-03-07', 'male', false],
    ['419001199003071245', '419001199003071245', '419001', '河南省济源市', '1990-03-07', 'female', false],
    // 济源 as a county-level city under 焦作 before 1997: the old code stays on the card.
    ['410881198005010115', '410881198005010115', '410881', '河南省焦作市济源市', '1980-05-01', 'male', false],
    // Legacy 15-digit numbers: "19" inserted before the year, check character appended.
    ['110105491231002', '11010519491231002X', '110105', '北京市朝阳区', '1949-12-31', 'female', true],
    ['419001900307123', '419001199003071237', '419001', '河南省济源市', '1990-03-07', 'male', true],
    // 29 February in leap years (2000 is divisible by 400).
    ['41900120000229002X', '41900120000229002X', '419001', '河南省济源市', '2000-02-29', 'female', false],
    ['41900120240229001X', '41900120240229001X', '419001', '河南省济源市', '2024-02-29', 'male', false],
  ] as const)('%s', (input, code, regionCode, regionName, birthDate, sex, convertedFrom15) => {
    expect(parseCitizenCode(input, TODAY)).toEqual({
      ok: true,
      facts: { kind: 'person', code, regionCode, regionName, birthDate, sex, convertedFrom15 },
    });
  });

  it('accepts a person born today and refuses one born tomorrow', () => {
    const bornToday = makeCitizenCode('419001', TODAY, 7);
    expect(parseCitizenCode(bornToday, TODAY).ok).toBe(true);
    expect(parseCitizenCode(makeCitizenCode('419001', '2025-07-01', 7), TODAY)).toEqual({
      ok: false,
      reason: 'birthdate',
      detail: 'birth date 2025-07-01 is after today (2025-06-30)',
    });
    expect(parseCitizenCode(makeCitizenCode('419001', '2025-07-01', 7), '2025-07-01').ok).toBe(true);
  });
});

describe('parseCitizenCode refuses invalid codes with the first rule they break', () => {
  it.each<[string, string, CodeRejection, string]>([
    ['empty', '', 'length', 'expected 18 characters (or 15 digits), got 0'],
    ['17 digits', '11010519491231002', 'length', 'expected 18 characters (or 15 digits), got 17'],
    ['19 characters', '11010519491231002X0', 'length', 'expected 18 characters (or 15 digits), got 19'],
    ['16 digits', '1101051949123100', 'length', 'expected 18 characters (or 15 digits), got 16'],
    ['a letter in the body', '1101051949123100AX', 'charset', 'character 17 ("A") should be a digit'],
    ['a full-width digit', '１1010519491231002X', 'charset', 'character 1 ("１") should be a digit'],
    ['a check character other than X', '11010519491231002Y', 'charset', 'character 18 ("Y") should be a digit or X'],
    ['X in a 15-digit number', '11010549123100X', 'charset', 'character 15 ("X") should be a digit'],
    ['an unknown region', makeCitizenCode('999999', '1990-03-07', 123), 'region', 'region code 999999 is not a known GB/T 2260 division'],
    ['month 13', makeCitizenCode('419001', '1990-13-01', 123), 'birthdate', 'birth date 1990-13-01 is not a calendar date'],
    ['day 0', makeCitizenCode('419001', '1990-03-00', 123), 'birthdate', 'birth date 1990-03-00 is not a calendar date'],
    ['31 April', makeCitizenCode('419001', '1990-04-31', 123), 'birthdate', 'birth date 1990-04-31 is not a calendar date'],
    ['30 February', makeCitizenCode('419001', '2024-02-30', 123), 'birthdate', 'birth date 2024-02-30 is not a calendar date'],
    ['29 February 2023', makeCitizenCode('419001', '2023-02-29', 123), 'birthdate', 'birth date 2023-02-29 is not a calendar date'],
    ['29 February 1900 (a century, not leap)', makeCitizenCode('419001', '1900-02-29', 123), 'birthdate', 'birth date 1900-02-29 is not a calendar date'],
    ['29 February 1901 in a 15-digit number', '419001010229123', 'birthdate', 'birth date 1901-02-29 is not a calendar date'],
    ['born before 1890', makeCitizenCode('419001', '1889-12-31', 123), 'birthdate', 'birth date 1889-12-31 is before 1890'],
    ['a future birth date', makeCitizenCode('419001', '2030-01-01', 123), 'birthdate', 'birth date 2030-01-01 is after today (2025-06-30)'],
    ['a wrong check digit', '110105194912310021', 'checksum', 'check character should be X, got 1'],
    ['a wrong X', '41900119900307123X', 'checksum', 'check character should be 7, got X'],
    // Order: region before birth date before checksum.
    ['unknown region and wrong check', '999999199003071230', 'region', 'region code 999999 is not a known GB/T 2260 division'],
    ['impossible date and wrong check', '419001199002301230', 'birthdate', 'birth date 1990-02-30 is not a calendar date'],
  ])('%s', (_case, input, reason, detail) => {
    expect(parseCitizenCode(input, TODAY)).toEqual({ ok: false, reason, detail });
  });

  it('refuses a malformed today, which is a programming error', () => {
    expect(() => parseCitizenCode('11010519491231002X', '2025-6-30')).toThrow(RangeError);
  });
});

describe('checkCharacterFor and makeCitizenCode', () => {
  it('computes the check character of the standard example', () => {
    expect(checkCharacterFor('11010519491231002')).toBe('X');
  });

  it('agrees with ISO 7064 MOD 11-2 computed recursively', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 17, maxLength: 17 }), (first17) => {
        expect(checkCharacterFor(first17)).toBe(referenceCheckCharacter(first17));
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['region', () => makeCitizenCode('41900', '1990-03-07', 1)],
    ['date', () => makeCitizenCode('419001', '19900307', 1)],
    ['sequence', () => makeCitizenCode('419001', '1990-03-07', 1000)],
    ['fractional sequence', () => makeCitizenCode('419001', '1990-03-07', 1.5)],
    ['check input', () => checkCharacterFor('1101051949123100X')],
  ])('refuses a malformed %s', (_case, make) => {
    expect(make).toThrow(RangeError);
  });
});

describe('citizen code properties', () => {
  const regionCodes = [
    ...Object.keys(regions.divisions),
    ...Object.keys(regions.additions.divisions),
    ...Object.keys(regions.historical.divisions),
  ];
  const birthDates = fc
    .date({ min: new Date('1890-01-01T00:00:00Z'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10));
  const validCodes = fc
    .tuple(fc.constantFrom(...regionCodes), birthDates, fc.integer({ min: 0, max: 999 }))
    .map(([regionCode, birthDate, sequence]) => ({ regionCode, birthDate, sequence, code: makeCitizenCode(regionCode, birthDate, sequence) }));

  it('parses every made code back to the facts it was made from', () => {
    fc.assert(
      fc.property(validCodes, ({ regionCode, birthDate, sequence, code }) => {
        const result = parseCitizenCode(code, TODAY);
        expect(result.ok && result.facts).toMatchObject({
          kind: 'person',
          code,
          regionCode,
          birthDate,
          sex: sequence % 2 === 1 ? 'male' : 'female',
          convertedFrom15: false,
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses every code with one character changed', () => {
    const changed = validCodes.chain(({ code }) =>
      fc.tuple(fc.constant(code), fc.integer({ min: 0, max: 17 }), fc.constantFrom(...'0123456789X')),
    );
    fc.assert(
      fc.property(changed, ([code, position, replacement]) => {
        fc.pre(code.charAt(position) !== replacement && (position === 17 || replacement !== 'X'));
        const altered = code.slice(0, position) + replacement + code.slice(position + 1);
        expect(parseCitizenCode(altered, TODAY).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('converts every 1900s 15-digit number to the 18-digit code of the same person', () => {
    const legacy = validCodes.filter(({ birthDate }) => birthDate.startsWith('19'));
    fc.assert(
      fc.property(legacy, ({ code }) => {
        const fifteen = code.slice(0, 6) + code.slice(8, 17);
        const result = parseCitizenCode(fifteen, TODAY);
        expect(result.ok && result.facts).toMatchObject({ code, convertedFrom15: true });
      }),
      { numRuns: 500 },
    );
  });

  it('never throws, whatever the input', () => {
    const inputs = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom(...'0123456789Xx '), maxLength: 20 }));
    fc.assert(
      fc.property(inputs, (input) => {
        const result = parseCitizenCode(input, TODAY);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});
