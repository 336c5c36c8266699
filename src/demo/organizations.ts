import { makeOrgCode } from '../modules/identity/codes/index.ts';
import type { NewOrganization } from '../modules/identity/index.ts';
import { INDUSTRIES, LOCAL_TRADE_NAMES, NON_ENTERPRISE_UNITS, PLACES, SHOPS, TRADE_NAME_CHARS } from './names.ts';
import { SeededRandom } from './random.ts';

export type DemoOrganization = Omit<NewOrganization, 'legalRepresentativeName' | 'legalRepresentativePersonId'>;

/** GB 32100-2015 character set; a character's value is its index. */
const USCC_CHARSET = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'];
const DIGITS = USCC_CHARSET.slice(0, 10);
const JIYUAN = '419001';

/** GB 32100 positions 1–2: 91 企业 (companies), 92 个体工商户 (individual businesses), 52 民办非企业单位 (social organizations, 民政). */
const KINDS: readonly (readonly ['91' | '92' | '52', number])[] = [
  ['91', 70],
  ['92', 25],
  ['52', 5],
];

/**
 * GB 11714-1997 organization code check character (positions 9–17 of a GB 32100 code are such a
 * code): weights 3 7 9 10 5 8 4 2 over the 8 body characters (letters count A=10 … Z=35);
 * C9 = 11 − Σ mod 11, with 10 written X and 11 written 0.
 */
function gb11714Check(body8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body8.charAt(i), 36) * weights[i]!;
  const c9 = 11 - (sum % 11);
  return c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9);
}

function twoDistinct(random: SeededRandom, chars: readonly string[]): string {
  const first = random.pick(chars);
  let second = random.pick(chars);
  while (second === first) second = random.pick(chars);
  return first + second;
}

/**
 * An endless, deterministic stream of organizations registered in 济源 with valid, unique GB 32100
 * codes: mostly companies, some individual businesses, a few social organizations. Names are
 * made up from 字号 characters, trades and the city's 街道 and 镇; they may repeat.
 */
export function* demoOrganizations(seed: number): Generator<DemoOrganization, never> {
  const random = SeededRandom.stream(seed, 'organizations');
  const taken = new Set<string>();
  for (;;) {
    const kind = random.weighted(KINDS);
    // Codes issued since 2015 carry an organization code beginning MA; social organizations keep older all-digit ones.
    const body8 = kind === '52' ? Array.from({ length: 8 }, () => random.pick(DIGITS)).join('') : `MA${Array.from({ length: 6 }, () => random.pick(USCC_CHARSET)).join('')}`;
    const orgCode = makeOrgCode(`${kind}${JIYUAN}${body8}${gb11714Check(body8)}`);
    if (taken.has(orgCode)) continue;
    taken.add(orgCode);
    const tradeName = random.next() < 0.2 ? random.pick(LOCAL_TRADE_NAMES) : twoDistinct(random, TRADE_NAME_CHARS);
    const name =
      kind === '91'
        ? `济源市${tradeName}${random.pick(INDUSTRIES)}有限公司`
        : kind === '92'
          ? `济源市${random.pick(PLACES)}${tradeName}${random.pick(SHOPS)}`
          : `济源市${tradeName}${random.pick(NON_ENTERPRISE_UNITS)}`;
    yield { orgCode, name, identityStatus: 'unverified' };
  }
}
