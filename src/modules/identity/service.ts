import type { Clock } from '../../shared/clock.ts';
import { shanghaiDate } from '../../shared/clock.ts';
import type { RequestContext } from '../../shared/context.ts';
import { InvalidInput, NotFound } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { PlatformKeys } from '../../shared/keys.ts';
import { maskCitizenCode } from '../../shared/masking.ts';
import { inTransaction, type Db, type Executor } from '../../db/index.ts';
import type { AuditLog } from '../audit/index.ts';
import { parseCitizenCode, parseOrgCode, regionName, type CitizenCodeFacts } from './codes/index.ts';
import * as repo from './repo.ts';
import type { Organization, Person } from './schema.ts';

export type IdentityStatus = 'verified' | 'unverified';

export interface NewPerson {
  code: string;
  name: string;
  identityStatus?: IdentityStatus;
}

export interface NewOrganization {
  orgCode: string;
  name: string;
  legalRepresentativeName?: string;
  legalRepresentativePersonId?: string;
  identityStatus?: IdentityStatus;
}

/** Maps every input or throws the first InvalidInput, located by its index in the batch. */
function validateEach<I, R>(inputs: I[], toRow: (input: I) => R): R[] {
  return inputs.map((input, i) => {
    try {
      return toRow(input);
    } catch (err) {
      if (err instanceof InvalidInput) throw new InvalidInput(err.code, `[${i}].${err.field}`, err.reason, err.facts);
      throw err;
    }
  });
}

/**
 * Persons and organizations (信用主体). A citizen code is never stored in clear: the database
 * holds its HMAC-SM3 blind index for lookup and its SM4 ciphertext (DESIGN.md decision 6).
 * Every read that reveals a person is written to the access log (decision 5).
 */
export class IdentityService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly keys: PlatformKeys,
    private readonly audit: AuditLog,
  ) {}

  private today(): string {
    return shanghaiDate(this.clock.now());
  }

  /** Validates a citizen code or throws a located InvalidInput naming the rejection reason. */
  checkCitizenCode(code: string, field = 'code', today = this.today()): CitizenCodeFacts {
    const check = parseCitizenCode(code, today);
    if (!check.ok) throw new InvalidInput(`identity.citizen_code_${check.reason}`, field, check.reason, { detail: check.detail });
    return check.facts;
  }

  private personRow(input: NewPerson, now: string): repo.PersonRow {
    const facts = this.checkCitizenCode(input.code);
    return this.personRowOf(facts, this.keys.blindIndex.of(facts.code), input, now);
  }

  /** The row of a checked code whose blind index is already known (ingestion computes it once). */
  private personRowOf(facts: CitizenCodeFacts, codeIndex: string, input: NewPerson, now: string): repo.PersonRow {
    const name = input.name.trim();
    if (!name) throw new InvalidInput('identity.name_required', 'name', 'empty');
    return {
      id: newId(),
      codeIndex,
      codeCipher: this.keys.fieldCipher.encrypt(facts.code),
      name,
      sex: facts.sex,
      birthDate: facts.birthDate,
      regionCode: facts.regionCode,
      identityStatus: input.identityStatus ?? 'unverified',
      createdAt: now,
      updatedAt: now,
    };
  }

  /** Registers a person, or returns the id of the person already holding that code. */
  async registerPerson(ctx: RequestContext, input: NewPerson): Promise<{ id: string; created: boolean }> {
    const row = this.personRow(input, this.clock.now().toISOString());
    return inTransaction(this.db, async (tx) => {
      const added = await repo.insertPersonsIfAbsent(tx, [row]);
      if (added === 0) {
        const existing = await repo.findPersonByIndex(tx, row.codeIndex);
        return { id: existing!.id, created: false };
      }
      await this.audit.recordIn(tx, ctx, { action: 'person.create', subject: { kind: 'person', id: row.id }, result: 'ok' });
      return { id: row.id, created: true };
    });
  }

  /**
   * Real-name login (issue 6): the person an identity provider vouched for, by citizen code —
   * registered when unknown, and marked `verified` either way (records had made them `unverified`).
   * Logged as `person.create` or `person.verify`.
   */
  async verifyPerson(ctx: RequestContext, input: NewPerson): Promise<{ id: string; created: boolean }> {
    const now = this.clock.now().toISOString();
    const row = this.personRow({ ...input, identityStatus: 'verified' }, now);
    return inTransaction(this.db, async (tx) => {
      if ((await repo.insertPersonsIfAbsent(tx, [row])) === 1) {
        await this.audit.recordIn(tx, ctx, { action: 'person.create', subject: { kind: 'person', id: row.id }, data: { identityStatus: 'verified' }, result: 'ok' });
        return { id: row.id, created: true };
      }
      const existing = (await repo.findPersonByIndex(tx, row.codeIndex))!;
      if (await repo.markPersonVerified(tx, existing.id, now)) {
        await this.audit.recordIn(tx, ctx, { action: 'person.verify', subject: { kind: 'person', id: existing.id }, result: 'ok' });
      }
      return { id: existing.id, created: false };
    });
  }

  /**
   * Bulk registration for demo data and imports: validates every row first (nothing is written
   * when one is bad), then inserts the new ones in one transaction with one audit entry.
   */
  async registerPersons(ctx: RequestContext, inputs: NewPerson[]): Promise<{ added: number }> {
    const now = this.clock.now().toISOString();
    const rows = validateEach(inputs, (input) => this.personRow(input, now));
    return inTransaction(this.db, async (tx) => {
      const added = await repo.insertPersonsIfAbsent(tx, rows);
      await this.audit.recordIn(tx, ctx, { action: 'person.create_batch', data: { submitted: rows.length, added }, result: 'ok' });
      return { added };
    });
  }

  /**
   * For ingestion: the ids of the persons with these citizen codes, registering the unknown ones
   * (identity unverified) inside the caller's transaction, so a record and its new subject commit
   * together. Codes must already be valid and normalised (18 characters, upper-case X); each
   * code is checked and indexed once, lookups are batched (one query per 32,000 codes),
   * and one `person.create_batch` entry is written when anyone was added. Returns normalised
   * code → person id.
   */
  async ensurePersonsIn(tx: Executor, ctx: RequestContext, inputs: readonly NewPerson[]): Promise<Map<string, string>> {
    const today = this.today();
    const byIndex = new Map<string, { input: NewPerson; facts: CitizenCodeFacts }>();
    for (const input of inputs) {
      const facts = this.checkCitizenCode(input.code, 'code', today);
      byIndex.set(this.keys.blindIndex.of(facts.code), { input, facts });
    }
    const indexes = [...byIndex.keys()];
    const ids = new Map<string, string>();
    const lookup = async () => {
      for (const row of await repo.findPersonIdsByIndexes(tx, indexes)) ids.set(row.codeIndex, row.id);
    };
    await lookup();
    const missing = indexes.filter((index) => !ids.has(index));
    if (missing.length > 0) {
      const now = this.clock.now().toISOString();
      const rows = missing.map((index) => {
        const { input, facts } = byIndex.get(index)!;
        return this.personRowOf(facts, index, { ...input, identityStatus: 'unverified' }, now);
      });
      const added = await repo.insertPersonsIfAbsent(tx, rows);
      for (const row of rows) ids.set(row.codeIndex, row.id);
      if (added !== rows.length) {
        // Someone registered a few of them meanwhile: read the real ids back.
        for (const index of missing) ids.delete(index);
        await lookup();
      }
      await this.audit.recordIn(tx, ctx, { action: 'person.create_batch', data: { submitted: rows.length, added, identityStatus: 'unverified' }, result: 'ok' });
    }
    const out = new Map<string, string>();
    for (const [index, { facts }] of byIndex) out.set(facts.code, ids.get(index)!);
    return out;
  }

  /**
   * For ingestion: the ids of the organizations with these codes, registering the unknown ones
   * (identity unverified) in the caller's transaction; batched like `ensurePersonsIn`.
   * Returns normalised org code → organization id.
   */
  async ensureOrganizationsIn(tx: Executor, ctx: RequestContext, inputs: readonly NewOrganization[]): Promise<Map<string, string>> {
    const byCode = new Map<string, NewOrganization>();
    for (const input of inputs) byCode.set(this.checkOrgCode(input.orgCode), input);
    const codes = [...byCode.keys()];
    const ids = new Map<string, string>();
    const lookup = async () => {
      for (const row of await repo.findOrganizationIdsByCodes(tx, codes)) ids.set(row.orgCode, row.id);
    };
    await lookup();
    const missing = codes.filter((code) => !ids.has(code));
    if (missing.length > 0) {
      const now = this.clock.now().toISOString();
      const rows = missing.map((code) => this.organizationRow({ ...byCode.get(code)!, orgCode: code, identityStatus: 'unverified' }, now));
      const added = await repo.insertOrganizationsIfAbsent(tx, rows);
      for (const row of rows) ids.set(row.orgCode, row.id);
      if (added !== rows.length) {
        for (const code of missing) ids.delete(code);
        await lookup();
      }
      await this.audit.recordIn(tx, ctx, { action: 'organization.create_batch', data: { submitted: rows.length, added, identityStatus: 'unverified' }, result: 'ok' });
    }
    return ids;
  }

  /** Finds an organization's id by its unified social credit code (public, so nothing is logged). */
  async resolveOrganizationId(orgCode: string): Promise<string | null> {
    const row = await repo.findOrganizationByCode(this.db, this.checkOrgCode(orgCode));
    return row?.id ?? null;
  }

  /** Finds a person's id by citizen code without revealing anything: for matching records to subjects. */
  async resolvePersonId(code: string): Promise<string | null> {
    const facts = this.checkCitizenCode(code);
    const row = await repo.findPersonByIndex(this.db, this.keys.blindIndex.of(facts.code));
    return row?.id ?? null;
  }

  /**
   * A person by id, for a module that logs its own read with its own purpose (a credit report
   * logs `reports.issue`); null when there is none.
   */
  async personById(id: string): Promise<Person | null> {
    const row = await repo.findPerson(this.db, id);
    return row ? this.toPerson(row) : null;
  }

  /**
   * Birth dates by person id, for the public portal's minors rule (an act before the 18th birthday
   * is never disclosed). Not an audited read itself: the caller logs its own purpose.
   */
  async birthDatesOf(ids: readonly string[]): Promise<Map<string, string>> {
    return new Map((await repo.listBirthDates(this.db, ids)).map((r) => [r.id, r.birthDate]));
  }

  /** Organizations whose name contains `fragment` (names and codes of legal persons are public, STANDARDS.md). */
  async organizationsNamed(fragment: string, limit: number): Promise<Array<{ id: string; orgCode: string; name: string }>> {
    return repo.listOrganizationsNamed(this.db, fragment, limit);
  }

  /** Reads a person by citizen code for an authorised user; the read (or the miss) is logged. */
  async findPersonByCode(ctx: RequestContext, code: string): Promise<Person> {
    const facts = this.checkCitizenCode(code);
    const row = await repo.findPersonByIndex(this.db, this.keys.blindIndex.of(facts.code));
    if (!row) {
      await this.audit.record(ctx, { action: 'person.read', data: { lookup: 'citizen_code', codeMasked: maskCitizenCode(facts.code) }, result: 'not_found' });
      throw new NotFound('person.not_found');
    }
    await this.audit.record(ctx, { action: 'person.read', subject: { kind: 'person', id: row.id }, data: { fields: ['code', 'name', 'sex', 'birthDate', 'region'] }, result: 'ok' });
    return this.toPerson(row);
  }

  private toPerson(row: repo.PersonRow): Person {
    const code = this.keys.fieldCipher.decrypt(row.codeCipher);
    return {
      id: row.id,
      code,
      maskedCode: maskCitizenCode(code),
      name: row.name,
      sex: row.sex as Person['sex'],
      birthDate: row.birthDate,
      regionCode: row.regionCode,
      regionName: regionName(row.regionCode),
      identityStatus: row.identityStatus as IdentityStatus,
    };
  }

  checkOrgCode(orgCode: string, field = 'orgCode'): string {
    const check = parseOrgCode(orgCode);
    if (!check.ok) throw new InvalidInput(`identity.org_code_${check.reason}`, field, check.reason, { detail: check.detail });
    return check.facts.code;
  }

  private organizationRow(input: NewOrganization, now: string): repo.OrganizationRow {
    const check = parseOrgCode(input.orgCode);
    if (!check.ok) throw new InvalidInput(`identity.org_code_${check.reason}`, 'orgCode', check.reason, { detail: check.detail });
    const name = input.name.trim();
    if (!name) throw new InvalidInput('identity.name_required', 'name', 'empty');
    return {
      id: newId(),
      orgCode: check.facts.code,
      name,
      legalRepresentativeName: input.legalRepresentativeName ?? null,
      legalRepresentativePersonId: input.legalRepresentativePersonId ?? null,
      regionCode: check.facts.regionCode,
      identityStatus: input.identityStatus ?? 'unverified',
      createdAt: now,
      updatedAt: now,
    };
  }

  async registerOrganizations(ctx: RequestContext, inputs: NewOrganization[]): Promise<{ added: number }> {
    const now = this.clock.now().toISOString();
    const rows = validateEach(inputs, (input) => this.organizationRow(input, now));
    return inTransaction(this.db, async (tx) => {
      const added = await repo.insertOrganizationsIfAbsent(tx, rows);
      await this.audit.recordIn(tx, ctx, { action: 'organization.create_batch', data: { submitted: rows.length, added }, result: 'ok' });
      return { added };
    });
  }

  /** Organizations' names and codes are public (STANDARDS.md, masking); the read is still logged. */
  async findOrganizationByCode(ctx: RequestContext, orgCode: string): Promise<Organization> {
    const code = this.checkOrgCode(orgCode);
    const row = await repo.findOrganizationByCode(this.db, code);
    if (!row) throw new NotFound('organization.not_found');
    await this.audit.record(ctx, { action: 'organization.read', subject: { kind: 'organization', id: row.id }, result: 'ok' });
    return {
      id: row.id,
      orgCode: row.orgCode,
      name: row.name,
      legalRepresentativeName: row.legalRepresentativeName,
      regionCode: row.regionCode,
      regionName: regionName(row.regionCode),
      identityStatus: row.identityStatus as IdentityStatus,
    };
  }

  /**
   * Key rotation: re-encrypts up to `limit` citizen codes still under an older field key. Rows
   * stay readable throughout (the cipher holds every version), so this runs in the background
   * with no downtime; returns how many rows it re-encrypted.
   */
  async reencryptStaleCodes(ctx: RequestContext, limit = 1000): Promise<{ reencrypted: number; remaining: number }> {
    const cipher = this.keys.fieldCipher;
    const prefix = `v${cipher.keyVersion}:`;
    const stale = await repo.listPersonsWithStaleCipher(this.db, prefix, limit);
    let reencrypted = 0;
    if (stale.length > 0) {
      const now = this.clock.now().toISOString();
      await inTransaction(this.db, async (tx) => {
        for (const row of stale) {
          if (await repo.replaceCodeCipher(tx, row.id, row.codeCipher, cipher.encrypt(cipher.decrypt(row.codeCipher)), now)) reencrypted += 1;
        }
        await this.audit.recordIn(tx, ctx, { action: 'person.reencrypt', data: { keyVersion: cipher.keyVersion, rows: reencrypted }, result: 'ok' });
      });
    }
    return { reencrypted, remaining: await repo.countPersonsWithStaleCipher(this.db, prefix) };
  }

  countPersonsUnderOldKeys(): Promise<number> {
    return repo.countPersonsWithStaleCipher(this.db, `v${this.keys.fieldCipher.keyVersion}:`);
  }

  countPersons(): Promise<number> {
    return repo.countRows(this.db, 'persons');
  }

  countOrganizations(): Promise<number> {
    return repo.countRows(this.db, 'organizations');
  }
}
