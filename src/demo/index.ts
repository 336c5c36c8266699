import { systemContext } from '../shared/context.ts';
import { shanghaiDate } from '../shared/clock.ts';
import { Conflict } from '../shared/errors.ts';
import { makeCitizenCode, makeOrgCode } from '../modules/identity/codes/index.ts';
import type { NewOrganization, NewPerson } from '../modules/identity/index.ts';
import type { Role } from '../modules/accounts/index.ts';
import type { Services } from '../services.ts';
import { SeededRandom } from './random.ts';
import { FEMALE_GIVEN, INDUSTRIES, MALE_GIVEN, SHOPS, STREETS, SURNAMES, TRADE_NAMES } from './names.ts';

export interface DemoOptions {
  persons: number;
  seed: number;
  onProgress?: (done: number, total: number) => void;
}

export interface DemoSummary {
  persons: number;
  organizations: number;
  users: number;
  seed: number;
}

/** Default password of the demo department users; CHENGXIN_DEMO_PASSWORD overrides it. */
export const DEFAULT_DEMO_PASSWORD = 'Demo-Password-2026';

/** Mostly 济源 itself, then other Henan counties, then a few other provinces. */
const REGIONS: readonly (readonly [string, number])[] = [
  ['419001', 85], ['410102', 2], ['410105', 2], ['410302', 2], ['410811', 2], ['410882', 2], ['410883', 2],
  ['110105', 1], ['310104', 1], ['440106', 1],
];

/** Age bands weighted like a Chinese city's population pyramid. */
const AGE_BANDS: readonly (readonly [[number, number], number])[] = [
  [[0, 17], 18], [[18, 29], 15], [[30, 44], 22], [[45, 59], 24], [[60, 74], 15], [[75, 90], 6],
];

const ORG_CHARSET = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'];
const DIGITS = ORG_CHARSET.slice(0, 10);
const CHUNK = 5000;

export interface DemoPerson extends NewPerson {
  isAdult: boolean;
}

/** The demo persons, generated lazily in chunks so a million never sit in memory as objects. */
export function* demoPersons(seed: number, count: number, today: string): Generator<DemoPerson[]> {
  const random = new SeededRandom(seed);
  const seen = new Set<string>();
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  let chunk: DemoPerson[] = [];
  while (seen.size < count) {
    const [minAge, maxAge] = random.weighted(AGE_BANDS);
    const age = random.int(minAge, maxAge);
    // A birthday strictly before today, at the chosen age.
    const birth = new Date(Date.UTC(year - age, month - 1, day) - random.int(1, 364) * 86_400_000);
    const birthDate = birth.toISOString().slice(0, 10);
    const code = makeCitizenCode(random.weighted(REGIONS), birthDate, random.int(0, 999));
    if (seen.has(code)) continue;
    seen.add(code);
    const male = Number(code[16]) % 2 === 1;
    const given = male ? MALE_GIVEN : FEMALE_GIVEN;
    const name = random.weighted(SURNAMES) + random.pick(given) + (random.next() < 0.7 ? random.pick(given) : '');
    chunk.push({ code, name, identityStatus: 'unverified', isAdult: age >= 18 });
    if (chunk.length === CHUNK) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}

function demoOrganization(random: SeededRandom, seenCodes: Set<string>): Omit<NewOrganization, 'legalRepresentativeName' | 'legalRepresentativePersonId'> {
  for (;;) {
    const kind = random.weighted([['91', 80], ['92', 15], ['52', 5]] as const);
    const body = kind === '52' ? Array.from({ length: 9 }, () => random.pick(DIGITS)).join('') : `MA${Array.from({ length: 7 }, () => random.pick(ORG_CHARSET)).join('')}`;
    const orgCode = makeOrgCode(`${kind}419001${body}`);
    if (seenCodes.has(orgCode)) continue;
    seenCodes.add(orgCode);
    const trade = random.pick(TRADE_NAMES);
    const name =
      kind === '91'
        ? `济源市${trade}${random.pick(INDUSTRIES)}有限公司`
        : kind === '92'
          ? `济源市${random.pick(STREETS)}${trade}${random.pick(SHOPS)}`
          : `济源市${random.pick(INDUSTRIES)}行业协会`;
    return { orgCode, name, identityStatus: 'unverified' };
  }
}

/**
 * Seeds a deterministic synthetic city: persons with valid citizen codes (mostly 济源 419001,
 * ages 0–90), organizations with valid codes and adult legal representatives, and department
 * users (`op-N`, `rev-N`, `auditor`) plus one citizen account (`citizen`) linked to a demo
 * person, all with the password `Demo-Password-2026` unless CHENGXIN_DEMO_PASSWORD is set.
 * Idempotent: the same seed adds nothing the second time.
 */
export async function seedDemo(services: Services, options: DemoOptions): Promise<DemoSummary> {
  const { identity, accounts, clock } = services;
  const ctx = systemContext('cli', 'seed-demo');
  const random = new SeededRandom(options.seed ^ 0x5eed);
  const today = shanghaiDate(clock.now());
  const adults: { code: string; name: string }[] = [];
  let personsAdded = 0;
  let done = 0;
  for (const chunk of demoPersons(options.seed, options.persons, today)) {
    personsAdded += (await identity.registerPersons(ctx, chunk.map(({ isAdult: _adult, ...person }) => person))).added;
    for (const p of chunk) if (p.isAdult && adults.length < 200_000) adults.push({ code: p.code, name: p.name });
    done += chunk.length;
    options.onProgress?.(done, options.persons);
  }

  const organizations: NewOrganization[] = [];
  const seenOrgCodes = new Set<string>();
  const orgCount = options.persons === 0 ? 0 : Math.max(5, Math.floor(options.persons / 20));
  for (let i = 0; i < orgCount && adults.length > 0; i++) {
    const org = demoOrganization(random, seenOrgCodes);
    const representative = random.pick(adults);
    const personId = await identity.resolvePersonId(representative.code);
    organizations.push({ ...org, legalRepresentativeName: representative.name, ...(personId ? { legalRepresentativePersonId: personId } : {}) });
  }
  let organizationsAdded = 0;
  for (let i = 0; i < organizations.length; i += CHUNK) {
    organizationsAdded += (await identity.registerOrganizations(ctx, organizations.slice(i, i + CHUNK))).added;
  }

  const password = process.env.CHENGXIN_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
  const departments = await accounts.listDepartments();
  const users: { username: string; displayName: string; role: Role; departmentId?: string; personId?: string }[] = [];
  departments.slice(0, 3).forEach((d, i) => {
    users.push({ username: `op-${i + 1}`, displayName: `${d.name}经办人`, role: 'dept_operator', departmentId: d.id });
    users.push({ username: `rev-${i + 1}`, displayName: `${d.name}审核人`, role: 'dept_reviewer', departmentId: d.id });
  });
  users.push({ username: 'auditor', displayName: '审计员', role: 'auditor' });
  const citizenPersonId = adults[0] ? await identity.resolvePersonId(adults[0].code) : null;
  if (citizenPersonId) users.push({ username: 'citizen', displayName: '演示信用主体', role: 'citizen', personId: citizenPersonId });
  let usersAdded = 0;
  for (const user of users) {
    try {
      await accounts.addUser(ctx, { ...user, password });
      usersAdded += 1;
    } catch (err) {
      if (!(err instanceof Conflict && err.code === 'user.username_taken')) throw err;
    }
  }
  return { persons: personsAdded, organizations: organizationsAdded, users: usersAdded, seed: options.seed };
}
