import { ManualClock, shanghaiDate } from '../shared/clock.ts';
import { systemContext } from '../shared/context.ts';
import { Conflict } from '../shared/errors.ts';
import type { NewOrganization } from '../modules/identity/index.ts';
import type { Role } from '../modules/accounts/index.ts';
import type { Services } from '../services.ts';
import { demoName } from './names.ts';
import { demoOrganizations } from './organizations.ts';
import { demoAnchorYear, demoPersons, type DemoPerson } from './persons.ts';
import { SeededRandom } from './random.ts';
import { seedStandings } from './standings.ts';

export { DEMO_CHUNK, demoAnchorYear, demoPersons, type DemoPerson } from './persons.ts';
export { demoOrganizations, type DemoOrganization } from './organizations.ts';

export interface DemoOptions {
  persons: number;
  seed: number;
  /**
   * Persons put on the serious-dishonesty list and on the red list through the real workflow (run
   * on a clock 45 days back), and persons left clean, with a business system's API client to try
   * the check API with. Absent: the city has no list entries.
   */
  standings?: { listed: number; redListed: number; clean: number };
  /** Called after each chunk of persons is stored. */
  onProgress?: (done: number, total: number) => void;
}

/** What one run added (a re-run with the same seed adds 0 persons and 0 organizations). */
export interface DemoSummary {
  persons: number;
  organizations: number;
  users: number;
  seed: number;
  /** With `standings`: citizen codes to try, and a bearer token of the demo business system (`business`). */
  businessToken?: string;
  /** With `standings`: the demo bank's query system (`bank`, an `api_client`) and the organization it acts for — a citizen authorizes it in the citizen centre. */
  bank?: { username: string; organizationCode: string; organizationName: string };
  listed?: string[];
  redListed?: string[];
  clean?: string[];
}

/** How far back the demo's list workflow starts, so its defence and announcement periods are over today. */
const STANDINGS_DAYS_BACK = 45;

/** Default password of the demo users; CHENGXIN_DEMO_PASSWORD overrides it. */
export const DEFAULT_DEMO_PASSWORD = 'Demo-Password-2026';

export const demoPassword = (): string => process.env.CHENGXIN_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;

/** About one organization per this many persons. */
const PERSONS_PER_ORGANIZATION = 20;
const MIN_ORGANIZATIONS = 5;
/** Departments (in seeded order) that get an operator and a reviewer. */
const DEMO_DEPARTMENTS = 3;

/** Legal representatives are at least 20 on every day of the anchor year. */
const isRepresentativeAge = (person: DemoPerson, anchorYear: number) => Number(person.birthDate.slice(0, 4)) <= anchorYear - 21;

/**
 * Seeds a deterministic synthetic city — nothing in it is about a real person:
 * - `options.persons` persons with valid citizen codes (≈85 % 济源 419001, the rest other Henan
 *   counties and a few other provinces), ages 0–90, names matching the sex in the code;
 * - about one organization per 20 persons (at least 5) registered in 济源 with valid GB 32100
 *   codes, each with an adult demo person as legal representative;
 * - users `op-N` (dept_operator) and `rev-N` (dept_reviewer) for each of the first three
 *   departments, `auditor`, and `citizen` linked to an adult demo person. Their password is
 *   `Demo-Password-2026` (DEFAULT_DEMO_PASSWORD) unless the environment variable
 *   CHENGXIN_DEMO_PASSWORD is set; existing usernames are left alone.
 *
 * Persons are generated, stored (one transaction per chunk of 5,000) and forgotten chunk by
 * chunk, so memory stays small for millions. The same seed gives the same city within a
 * calendar year of the services clock (ages are counted from January 1st), and re-running adds
 * nothing that is already there.
 */
export async function seedDemo(services: Services, options: DemoOptions): Promise<DemoSummary> {
  const { identity, accounts, clock } = services;
  const ctx = systemContext('cli', 'seed-demo');
  const today = shanghaiDate(clock.now());
  const anchorYear = demoAnchorYear(today);
  const total = options.persons;
  const organizations = demoOrganizations(options.seed);
  const representatives = SeededRandom.stream(options.seed, 'representatives');
  // Organizations follow the persons chunk by chunk; the last chunk tops them up to the minimum.
  const organizationsDueAfter = (done: number) =>
    done < total ? Math.floor(done / PERSONS_PER_ORGANIZATION) : total === 0 ? 0 : Math.max(MIN_ORGANIZATIONS, Math.floor(total / PERSONS_PER_ORGANIZATION));

  let personsAdded = 0;
  let organizationsMade = 0;
  let organizationsAdded = 0;
  let done = 0;
  let citizen: DemoPerson | undefined;
  // Representatives come from the latest chunk that has adults; only its persons are kept.
  let adults: DemoPerson[] = [];
  // Adults (other than the demo citizen) for the lists: listed, red-listed, clean.
  const wanted = options.standings ? options.standings.listed + options.standings.redListed + options.standings.clean : 0;
  const standingCodes: string[] = [];
  for (const chunk of demoPersons(options.seed, total, today)) {
    personsAdded += (await identity.registerPersons(ctx, chunk)).added;
    done += chunk.length;
    const chunkAdults = chunk.filter((person) => isRepresentativeAge(person, anchorYear));
    if (chunkAdults.length > 0) adults = chunkAdults;
    citizen ??= adults[0];
    for (const adult of chunkAdults) if (standingCodes.length < wanted && adult !== citizen) standingCodes.push(adult.code);
    const due = organizationsDueAfter(done) - organizationsMade;
    if (due > 0 && adults.length > 0) {
      const batch: NewOrganization[] = [];
      for (let i = 0; i < due; i++) {
        const representative = representatives.pick(adults);
        const personId = await identity.resolvePersonId(representative.code);
        if (personId === null) throw new Error(`demo person ${representative.code.slice(0, 6)}… was not stored`);
        batch.push({ ...organizations.next().value, legalRepresentativeName: representative.name, legalRepresentativePersonId: personId });
      }
      organizationsMade += due;
      organizationsAdded += (await identity.registerOrganizations(ctx, batch)).added;
    }
    options.onProgress?.(done, total);
  }

  const users = await demoUsers(services, options.seed, citizen);
  let usersAdded = 0;
  for (const user of users) {
    try {
      await accounts.addUser(ctx, { ...user, password: demoPassword() });
      usersAdded += 1;
    } catch (err) {
      if (!(err instanceof Conflict && err.code === 'user.username_taken')) throw err;
    }
  }
  const summary: DemoSummary = { persons: personsAdded, organizations: organizationsAdded, users: usersAdded, seed: options.seed };
  if (!options.standings) return summary;
  const { listed, redListed } = options.standings;
  const past = new ManualClock(new Date(clock.now().getTime() - STANDINGS_DAYS_BACK * 86_400_000));
  const standings = await seedStandings(services.atClock(past), past, {
    listed: standingCodes.slice(0, listed),
    redListed: standingCodes.slice(listed, listed + redListed),
    password: demoPassword(),
  });
  // 行政审批 and other business systems ask the check API with a credential of their own; the first
  // demo organization plays a bank whose query system asks for reports a person authorized.
  const bank = demoOrganizations(options.seed).next().value;
  const systems = [
    { username: BUSINESS_USERNAME, displayName: '行政审批系统（示例）' },
    { username: BANK_USERNAME, displayName: `${bank.name}信用查询系统（示例）`, organizationCode: bank.orgCode },
  ];
  for (const system of systems) {
    try {
      await accounts.addUser(ctx, { ...system, role: 'api_client', password: demoPassword() });
      summary.users += 1;
    } catch (err) {
      if (!(err instanceof Conflict && err.code === 'user.username_taken')) throw err;
    }
  }
  const { token } = await accounts.login(BUSINESS_USERNAME, demoPassword(), {});
  return {
    ...summary,
    businessToken: token,
    bank: { username: BANK_USERNAME, organizationCode: bank.orgCode, organizationName: bank.name },
    ...standings,
    clean: standingCodes.slice(listed + redListed),
  };
}

/** How many demo persons `serve` (first start) and `seed-demo` put on each list by default. */
export const DEMO_STANDINGS = { listed: 5, redListed: 5, clean: 5 } as const;

/** The demo business system's username (an `api_client` without a department). */
export const BUSINESS_USERNAME = 'business';
/** The demo bank's query system (an `api_client` acting for an organization, under persons' authorizations). */
export const BANK_USERNAME = 'bank';

interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  departmentId?: string;
  personId?: string;
}

async function demoUsers(services: Services, seed: number, citizen: DemoPerson | undefined): Promise<DemoUser[]> {
  const random = SeededRandom.stream(seed, 'users');
  const staffName = () => demoName(random, random.next() < 0.5 ? 'male' : 'female', random.int(1970, 1998));
  const users: DemoUser[] = [];
  const departments = (await services.accounts.listDepartments()).slice(0, DEMO_DEPARTMENTS);
  departments.forEach((department, i) => {
    users.push({ username: `op-${i + 1}`, displayName: staffName(), role: 'dept_operator', departmentId: department.id });
    users.push({ username: `rev-${i + 1}`, displayName: staffName(), role: 'dept_reviewer', departmentId: department.id });
  });
  users.push({ username: 'auditor', displayName: staffName(), role: 'auditor' });
  if (citizen) {
    const personId = await services.identity.resolvePersonId(citizen.code);
    if (personId) users.push({ username: 'citizen', displayName: citizen.name, role: 'citizen', personId });
  }
  return users;
}
