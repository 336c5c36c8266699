import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeOrgCode, parseOrgCode } from './org-code.ts';
import type { CodeRejection } from './citizen-code.ts';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * An independent check: with the check character weighted 1, the weighted sum of all 18 values
 * is a multiple of 31 (weights 3^(i−1) mod 31 computed here, not copied from the standard's table).
 */
function isReferenceValid(code: string): boolean {
  let sum = 0;
  let weight = 1;
  for (const char of code.slice(0, 17)) {
    sum += CHARSET.indexOf(char) * weight;
    weight = (weight * 3) % 31;
  }
  return (sum + CHARSET.indexOf(code.charAt(17))) % 31 === 0;
}

describe('parseOrgCode accepts valid codes', () => {
  // Published codes of well-known legal persons; each also checked with isReferenceValid below.
  it.each([
    ['91350100M000100Y43', '9', '工商', '1', '350100', '福建省福州市'],
    ['91110108551385082Q', '9', '工商', '1', '110108', '北京市海淀区'],
    ['9144030071526726XG', '9', '工商', '1', '440300', '广东省深圳市'],
    ['914403001922038216', '9', '工商', '1', '440300', '广东省深圳市'],
    ['91330100799655058B', '9', '工商', '1', '330100', '浙江省杭州市'],
    ['91110000802100433B', '9', '工商', '1', '110000', '北京市'],
  ])('%s', (code, registrationAuthority, registrationAuthorityName, orgType, regionCode, regionName) => {
    expect(isReferenceValid(code)).toBe(true);
    expect(parseOrgCode(code)).toEqual({
      ok: true,
      facts: {
        kind: 'organization',
        code,
        registrationAuthority,
        registrationAuthorityName,
        orgType,
        regionCode,
        regionName,
        isIndividualBusiness: false,
      },
    });
  });

  it('trims and upper-cases the input', () => {
    const result = parseOrgCode(' 91350100m000100y43 ');
    expect(result.ok && result.facts.code).toBe('91350100M000100Y43');
  });

  it.each([
    ['92419001MA9F000012', '9', '工商', true],
    ['51419001MA0000001T', '5', '民政', false],
    ['N2419001MA00000016', 'N', '农业', false],
    ['Y1419001MA00000011', 'Y', '其他', false],
    ['B1419001MA0000001L', 'B', '未知', false],
  ])('reads registration authority and individual business from %s', (code, authority, name, isIndividualBusiness) => {
    expect(isReferenceValid(code)).toBe(true);
    expect(parseOrgCode(code)).toMatchObject({
      ok: true,
      facts: { registrationAuthority: authority, registrationAuthorityName: name, regionName: '河南省济源市', isIndividualBusiness },
    });
  });

  it('accepts a six-digit region that is not a known division, without a name', () => {
    expect(parseOrgCode('91999999MA0000001N')).toMatchObject({ ok: true, facts: { regionCode: '999999', regionName: null } });
  });
});

describe('parseOrgCode refuses invalid codes with the first rule they break', () => {
  it.each<[string, string, CodeRejection, string]>([
    ['empty', '', 'length', 'expected 18 characters, got 0'],
    ['17 characters', '91350100M000100Y4', 'length', 'expected 18 characters, got 17'],
    ['19 characters', '91350100M000100Y433', 'length', 'expected 18 characters, got 19'],
    ['I', '91350100I000100Y43', 'charset', 'character 9 ("I") is not one of 0-9 and A-Y without I, O, S, V'],
    ['O', '91350100M000100O43', 'charset', 'character 16 ("O") is not one of 0-9 and A-Y without I, O, S, V'],
    ['Z', 'Z1350100M000100Y43', 'charset', 'character 1 ("Z") is not one of 0-9 and A-Y without I, O, S, V'],
    ['S', '91350100S000100Y43', 'charset', 'character 9 ("S") is not one of 0-9 and A-Y without I, O, S, V'],
    ['V', '91350100V000100Y43', 'charset', 'character 9 ("V") is not one of 0-9 and A-Y without I, O, S, V'],
    ['a hyphen', '91350100-000100Y43', 'charset', 'character 9 ("-") is not one of 0-9 and A-Y without I, O, S, V'],
    ['a Chinese character', '91350100码000100Y43', 'charset', 'character 9 ("码") is not one of 0-9 and A-Y without I, O, S, V'],
    ['letters in the region', '9135A100M000100Y43', 'region', 'characters 3-8 (35A100) should be a six-digit region code'],
    ['a wrong check character', '91350100M000100Y44', 'checksum', 'check character should be 3, got 4'],
    ['region before checksum', '9135A100M000100Y44', 'region', 'characters 3-8 (35A100) should be a six-digit region code'],
  ])('%s', (_case, input, reason, detail) => {
    expect(parseOrgCode(input)).toEqual({ ok: false, reason, detail });
  });
});

describe('makeOrgCode', () => {
  it('appends the check character', () => {
    expect(makeOrgCode('91350100M000100Y4')).toBe('91350100M000100Y43');
  });

  it.each(['91350100M000100Y', '91350100I000100Y4', '91350100m000100Y4'])('refuses %s', (first17) => {
    expect(() => makeOrgCode(first17)).toThrow(RangeError);
  });
});

describe('organization code properties', () => {
  const codeChar = fc.constantFrom(...CHARSET);
  const digit = fc.constantFrom(...'0123456789');
  const first17 = fc
    .tuple(
      fc.string({ unit: codeChar, minLength: 2, maxLength: 2 }),
      fc.string({ unit: digit, minLength: 6, maxLength: 6 }),
      fc.string({ unit: codeChar, minLength: 9, maxLength: 9 }),
    )
    .map((parts) => parts.join(''));

  it('parses every made code, and the reference agrees it is valid', () => {
    fc.assert(
      fc.property(first17, (body) => {
        const code = makeOrgCode(body);
        expect(isReferenceValid(code)).toBe(true);
        expect(parseOrgCode(code)).toMatchObject({ ok: true, facts: { code, regionCode: body.slice(2, 8) } });
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses every code with one character changed', () => {
    const changed = fc.tuple(first17.map(makeOrgCode), fc.integer({ min: 0, max: 17 }), codeChar);
    fc.assert(
      fc.property(changed, ([code, position, replacement]) => {
        fc.pre(code.charAt(position) !== replacement);
        const altered = code.slice(0, position) + replacement + code.slice(position + 1);
        expect(parseOrgCode(altered).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws, whatever the input', () => {
    const inputs = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: codeChar, maxLength: 20 }));
    fc.assert(
      fc.property(inputs, (input) => {
        expect(typeof parseOrgCode(input).ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});
