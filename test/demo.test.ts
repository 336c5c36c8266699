import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { shanghaiDate } from '../src/shared/clock.ts';
import { parseCitizenCode, parseOrgCode } from '../src/modules/identity/codes/index.ts';
import { DEMO_CHUNK, demoOrganizations, demoPassword, demoPersons, seedDemo, type DemoPerson } from '../src/demo/index.ts';
import { describeEachDatabase, TEST_START } from './helpers/db.ts';
import { actorContext } from './helpers/domain.ts';
import { runCli } from './helpers/cli.ts';
import { TEST_APP_CONFIG } from './helpers/server.ts';
import { buildApp } from '../src/app.ts';

const TODAY = shanghaiDate(new Date(TEST_START));

function allPersons(seed: number, count: number, today = TODAY, chunkSize?: number): DemoPerson[] {
  return [...demoPersons(seed, count, today, chunkSize)].flat();
}

/** Whole years from `birthDate` to `today`, both YYYY-MM-DD. */
function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

describe('demo persons', () => {
  const persons = allPersons(5, 5000);

  it('gives the same persons for the same seed, in the same order, whatever the chunk size', () => {
    expect(allPersons(5, 5000, TODAY, 333)).toEqual(persons);
    expect(allPersons(6, 5000).map((p) => p.code)).not.toEqual(persons.map((p) => p.code));
  });

  it('gives the same persons on any day of the same year, so a re-run next month adds nothing', () => {
    expect(allPersons(5, 5000, '2026-01-01')).toEqual(persons);
    expect(allPersons(5, 5000, '2026-12-31')).toEqual(persons);
  });

  it('yields chunks of at most DEMO_CHUNK persons and exactly the count asked for', () => {
    const chunks = [...demoPersons(1, DEMO_CHUNK * 2 + 7, TODAY)];
    expect(chunks.map((c) => c.length)).toEqual([DEMO_CHUNK, DEMO_CHUNK, 7]);
    expect(allPersons(1, 0)).toEqual([]);
  });

  it('makes valid, unique citizen codes whose facts match the person', () => {
    expect(new Set(persons.map((p) => p.code)).size).toBe(persons.length);
    for (const person of persons) {
      const check = parseCitizenCode(person.code, TODAY);
      if (!check.ok) throw new Error(`${person.code}: ${check.detail}`);
      expect(check.facts.sex).toBe(person.sex);
      expect(check.facts.birthDate).toBe(person.birthDate);
    }
  });

  it('ages everyone 0 to 90 on every day of the year, most of them from 济源, both sexes', () => {
    for (const day of ['2026-01-01', TODAY, '2026-12-31']) {
      const ages = persons.map((p) => ageOn(p.birthDate, day));
      expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...ages)).toBeLessThanOrEqual(90);
    }
    const ages = persons.map((p) => ageOn(p.birthDate, TODAY));
    expect(ages.filter((a) => a < 18).length / persons.length).toBeGreaterThan(0.1);
    expect(ages.filter((a) => a >= 60).length / persons.length).toBeGreaterThan(0.1);
    const jiyuan = persons.filter((p) => p.code.startsWith('419001')).length / persons.length;
    expect(jiyuan).toBeGreaterThanOrEqual(0.8);
    expect(jiyuan).toBeLessThan(0.95);
    const men = persons.filter((p) => p.sex === 'male').length / persons.length;
    expect(men).toBeGreaterThan(0.4);
    expect(men).toBeLessThan(0.6);
  });

  it('names people with a surname and a one- or two-character given name', () => {
    for (const { name } of persons) expect(name).toMatch(/^(欧阳|司马|诸葛|上官|司徒|\p{Script=Han})\p{Script=Han}{1,2}$/u);
    expect(new Set(persons.map((p) => p.name)).size).toBeGreaterThan(persons.length / 2);
  });
});

describe('demo organizations', () => {
  it('are valid GB 32100 codes registered in 济源, unique, mostly companies, the same for the same seed', () => {
    const take = (seed: number, n: number) => {
      const stream = demoOrganizations(seed);
      return Array.from({ length: n }, () => stream.next().value);
    };
    const organizations = take(3, 2000);
    expect(take(3, 2000)).toEqual(organizations);
    expect(new Set(organizations.map((o) => o.orgCode)).size).toBe(organizations.length);
    for (const org of organizations) {
      const check = parseOrgCode(org.orgCode);
      if (!check.ok) throw new Error(`${org.orgCode}: ${check.detail}`);
      expect(check.facts.regionCode).toBe('419001');
      expect(org.name.startsWith('济源市')).toBe(true);
    }
    const share = (prefix: string) => organizations.filter((o) => o.orgCode.startsWith(prefix)).length / organizations.length;
    expect(share('91')).toBeGreaterThan(0.6);
    expect(share('92')).toBeGreaterThan(0.15);
    expect(share('52')).toBeGreaterThan(0.01);
    expect(share('91') + share('92') + share('52')).toBe(1);
  });
});

describeEachDatabase('seedDemo', (get) => {
  const PERSONS = 500;

  it('stores the persons, about one organization per 20 persons and the demo users', async () => {
    const { services } = get();
    const progress: number[] = [];
    const summary = await seedDemo(services, { persons: PERSONS, seed: 11, onProgress: (done, total) => progress.push(done / total) });
    expect(summary).toEqual({ persons: PERSONS, organizations: PERSONS / 20, users: 8, seed: 11 });
    expect(progress.at(-1)).toBe(1);
    expect(await services.identity.countPersons()).toBe(PERSONS);
    expect(await services.identity.countOrganizations()).toBe(PERSONS / 20);

    // Every generated person is findable by the code the generator made.
    const generated = allPersons(11, PERSONS, shanghaiDate(services.clock.now()));
    for (const person of generated.slice(0, 50)) expect(await services.identity.resolvePersonId(person.code)).not.toBeNull();
  });

  it('gives every organization a valid code and an adult demo person as legal representative', async () => {
    const { services } = get();
    const db = services.database.db;
    const organizations = await db
      .selectFrom('organizations as o')
      .leftJoin('persons as p', 'p.id', 'o.legalRepresentativePersonId')
      .select(['o.orgCode', 'o.legalRepresentativeName', 'o.legalRepresentativePersonId', 'p.name as personName', 'p.birthDate'])
      .execute();
    expect(organizations).toHaveLength(PERSONS / 20);
    for (const org of organizations) {
      expect(parseOrgCode(org.orgCode as string).ok).toBe(true);
      expect(org.legalRepresentativePersonId).not.toBeNull();
      expect(org.personName).toBe(org.legalRepresentativeName);
      expect(ageOn(org.birthDate as string, shanghaiDate(services.clock.now()))).toBeGreaterThanOrEqual(18);
    }
  });

  it('adds nothing when run again with the same seed', async () => {
    const { services } = get();
    const again = await seedDemo(services, { persons: PERSONS, seed: 11 });
    expect(again).toEqual({ persons: 0, organizations: 0, users: 0, seed: 11 });
    expect(await services.identity.countPersons()).toBe(PERSONS);
  });

  it('creates department users who can sign in with the demo password', async () => {
    const { services } = get();
    const departments = (await services.accounts.listDepartments()).slice(0, 3);
    for (const [i, department] of departments.entries()) {
      for (const [username, role] of [[`op-${i + 1}`, 'dept_operator'], [`rev-${i + 1}`, 'dept_reviewer']] as const) {
        const { user } = await services.accounts.login(username, demoPassword(), {});
        expect(user).toMatchObject({ username, role });
        expect(user.department?.name).toBe(department.name);
        expect(user.displayName).toMatch(/^\p{Script=Han}{2,4}$/u);
      }
    }
    const { user: auditor } = await services.accounts.login('auditor', demoPassword(), {});
    expect(auditor.role).toBe('auditor');
    const { user: citizen } = await services.accounts.login('citizen', demoPassword(), {});
    expect(citizen.role).toBe('citizen');
  });

  it('keeps the audit trail of the bulk registration', async () => {
    const { services } = get();
    const batches = await services.database.db
      .selectFrom('auditEntries')
      .select(sql<number>`count(*)`.as('n'))
      .where('action', '=', 'person.create_batch')
      .executeTakeFirstOrThrow();
    // One batch per chunk on each of the two runs.
    expect(Number(batches.n)).toBe(2);
  });

  it('seed-demo --json prints exactly one JSON line of what it added', async () => {
    const result = await runCli(['seed-demo', '--persons', '40', '--seed', '12', '--json'], get().env);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    // The demo users exist already from the runs above; the business system and the bank's query system are new.
    const summary = JSON.parse(lines[0]!);
    expect(summary).toMatchObject({ persons: 40, organizations: 5, users: 2, seed: 12, bank: { username: 'bank' } });
    expect(parseOrgCode(summary.bank.organizationCode).ok).toBe(true);
    expect(summary.listed).toHaveLength(5);
    expect(summary.redListed).toHaveLength(5);
    expect(summary.clean).toHaveLength(5);
    expect(new Set([...summary.listed, ...summary.redListed, ...summary.clean]).size).toBe(15);

    // The printed token is a business system's credential: the check API answers with the lists' measures.
    const { services } = get();
    const app = await buildApp({ config: TEST_APP_CONFIG, services, logger: false });
    try {
      const headers = { authorization: `Bearer ${summary.businessToken}` };
      const scenarios = (await app.inject({ method: 'GET', url: '/api/v1/sanctions/scenarios', headers })).json() as Array<{ code: string }>;
      const check = async (subject: string) => {
        const res = await app.inject({ method: 'POST', url: '/api/v1/sanctions/check', headers, payload: { subject, scenario: scenarios[0]!.code } });
        expect(res.statusCode, res.body).toBe(200);
        return (res.json().hits as Array<{ kind: string }>).map((h) => h.kind);
      };
      expect(await check(summary.listed[0])).toContain('punishment');
      expect(await check(summary.redListed[0])).toContain('reward');
      expect(await check(summary.clean[0])).not.toContain('punishment');

      // The bank's query system acts for its organization: it queries only under a person's authorization.
      const bankLogin = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'bank', password: demoPassword() } });
      expect(bankLogin.statusCode, bankLogin.body).toBe(200);
      expect(await services.accounts.organizationCodeOf(bankLogin.json().user.id)).toBe(summary.bank.organizationCode);
      const unauthorized = await app.inject({
        method: 'POST',
        url: '/api/v1/queries',
        headers: { authorization: `Bearer ${bankLogin.json().token}` },
        payload: { subjectCode: summary.clean[0], purpose: '贷款审批' },
      });
      expect(unauthorized.statusCode, unauthorized.body).toBeGreaterThanOrEqual(400);
      expect(unauthorized.json().code).toMatch(/^queries\./);
    } finally {
      await app.close();
    }

    // Casework for the queues and the dashboard: a correction left pending (overdue by now), one
    // corrected (counted against the court and owed upstream), a litigation mark.
    const admin = await actorContext(get(), 'platform_admin');
    const cases = async () => (await services.objections.queue(admin)).items.map((o) => [o.kind, o.status, o.outcome, o.overdue]);
    expect((await cases()).sort()).toEqual([
      ['correction', 'decided', 'corrected', false],
      ['correction', 'pending', null, true],
    ]);
    expect((await services.objections.overdue(admin)).map((c) => c.stage)).toEqual(['correction']);
    expect((await services.exchange.list(admin, {})).items.map((c) => c.kind)).toEqual(['record_corrected']);
    expect((await services.challenges.queue(admin, { status: 'pending' })).items).toHaveLength(1);

    // Running it again adds nothing new: the same persons are listed once.
    const again = await runCli(['seed-demo', '--persons', '40', '--seed', '12', '--json'], get().env);
    expect(again.code, again.stderr).toBe(0);
    const second = JSON.parse(again.stdout.trim());
    expect(second).toMatchObject({ persons: 0, users: 0, listed: summary.listed });
    expect(await cases()).toHaveLength(2);
    expect((await services.lists.standingOf({ type: 'person', id: (await services.identity.resolvePersonId(summary.listed[0]))! })).entries).toHaveLength(1);
  });
});

describe('seed-demo', () => {
  it('refuses a person count that is not a whole number from 1 to 10,000,000, before opening the database', async () => {
    const results = await Promise.all(['0', '2.5', '10000001'].map((bad) => runCli(['seed-demo', '--persons', bad], { DATA_DIR: '/nonexistent/chengxin' })));
    for (const result of results) {
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('--persons must be a whole number from 1 to 10000000');
    }
  });
});
