import type { CodeCheck, CodeRejection } from './citizen-code.ts';
import { regionName } from './regions.ts';

export interface OrgCodeFacts {
  kind: 'organization';
  /** The 18-character code, upper-case. */
  code: string;
  /** Position 1: the registration authority (登记管理部门代码). */
  registrationAuthority: string;
  /** Its name, e.g. 工商, 机构编制, 民政, 其他; 未知 for a character the standard does not assign. */
  registrationAuthorityName: string;
  /** Position 2: the organization type within that authority (机构类别代码). */
  orgType: string;
  /** Positions 3–8: GB/T 2260 code of the registering office's division. */
  regionCode: string;
  /** Full name of that division; null when it is not in our list (real codes keep abolished divisions). */
  regionName: string | null;
  /** Codes beginning 92 belong to individual businesses (个体工商户), which are natural persons. */
  isIndividualBusiness: boolean;
}

// GB 32100-2015: 18 characters from the digits and the upper-case letters without I, O, S, V, Z;
// a character's value is its index here.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// GB 32100-2015 check character: weight of position i (1–17) is 3^(i−1) mod 31;
// the check character is CHARSET[(31 − Σ value × weight mod 31) mod 31].
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

// GB 32100-2015 表1 登记管理部门代码 (verify A and N against the current edition and its amendments).
const REGISTRATION_AUTHORITIES: Readonly<Record<string, string>> = {
  '1': '机构编制',
  '2': '外交',
  '3': '司法行政',
  '4': '文化',
  '5': '民政',
  '6': '旅游',
  '7': '宗教',
  '8': '工会',
  '9': '工商',
  A: '中央军委改革和编制办公室',
  N: '农业',
  Y: '其他',
};

/**
 * Validates a unified social credit code (统一社会信用代码) and reads what it says. A correct check
 * character does not prove that the code was ever issued. Never throws for any `input`.
 */
export function parseOrgCode(input: string): CodeCheck<OrgCodeFacts> {
  const chars = Array.from(input.trim().toUpperCase());
  if (chars.length !== 18) return reject('length', `expected 18 characters, got ${chars.length}`);

  const outside = chars.findIndex((char) => !isCodeCharacter(char));
  if (outside >= 0) {
    return reject(
      'charset',
      `character ${outside + 1} (${JSON.stringify(chars[outside])}) is not one of 0-9 and A-Y without I, O, S, V`,
    );
  }
  const code = chars.join('');

  // Positions 3–8 are a GB/T 2260 code. Only its shape is checked: codes issued before a
  // division was abolished stay valid, so an unknown six-digit code is accepted.
  const regionCode = code.slice(2, 8);
  if (!/^\d{6}$/.test(regionCode)) return reject('region', `characters 3-8 (${regionCode}) should be a six-digit region code`);

  const expected = orgCheckCharacterFor(code.slice(0, 17));
  const given = code.charAt(17);
  if (given !== expected) return reject('checksum', `check character should be ${expected}, got ${given}`);

  const registrationAuthority = code.charAt(0);
  return {
    ok: true,
    facts: {
      kind: 'organization',
      code,
      registrationAuthority,
      registrationAuthorityName: REGISTRATION_AUTHORITIES[registrationAuthority] ?? '未知',
      orgType: code.charAt(1),
      regionCode,
      regionName: regionName(regionCode),
      isIndividualBusiness: code.startsWith('92'),
    },
  };
}

/** `first17` followed by its GB 32100-2015 check character, for demo data and tests. */
export function makeOrgCode(first17: string): string {
  const chars = Array.from(first17);
  if (chars.length !== 17 || !chars.every(isCodeCharacter)) {
    throw new RangeError(`expected 17 characters from ${CHARSET}, got ${JSON.stringify(first17)}`);
  }
  return first17 + orgCheckCharacterFor(first17);
}

/** Expects 17 characters already known to be in CHARSET. */
function orgCheckCharacterFor(first17: string): string {
  let sum = 0;
  WEIGHTS.forEach((weight, i) => {
    sum += CHARSET.indexOf(first17.charAt(i)) * weight;
  });
  return CHARSET.charAt((31 - (sum % 31)) % 31);
}

function isCodeCharacter(char: string): boolean {
  return char.length === 1 && CHARSET.includes(char);
}

function reject(reason: CodeRejection, detail: string): CodeCheck<never> {
  return { ok: false, reason, detail };
}
