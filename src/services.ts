import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Clock } from './shared/clock.ts';
import type { PlatformKeys } from './shared/keys.ts';
import type { Database } from './db/index.ts';
import { AuditLedger, AuditLog } from './modules/audit/index.ts';
import { AccountsService, AssociationMembers } from './modules/accounts/index.ts';
import { IdentityService } from './modules/identity/index.ts';
import { ReviewService } from './modules/audit/review/index.ts';
import { RetentionService } from './modules/audit/retention/index.ts';
import { CatalogService } from './modules/catalog/index.ts';
import { RecordsService } from './modules/records/index.ts';
import { CalendarService } from './modules/calendar/index.ts';
import { ListsService } from './modules/lists/index.ts';
import { SanctionsService } from './modules/sanctions/index.ts';
import { DisclosureService } from './modules/disclosure/index.ts';
import { AuthorizationsService, CitizenLogin, ReportsService } from './modules/queries/index.ts';
import { ObjectionsService } from './modules/objections/index.ts';
import { RepairService } from './modules/repair/index.ts';
import { ChallengesService } from './modules/challenges/index.ts';
import { ExchangeService } from './modules/exchange/index.ts';

/** The module services, wired once from the database, clock and keys; the server and the CLI share it. */
export interface Services {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  ledger: AuditLedger;
  accounts: AccountsService;
  associations: AssociationMembers;
  identity: IdentityService;
  review: ReviewService;
  retention: RetentionService;
  catalog: CatalogService;
  records: RecordsService;
  calendar: CalendarService;
  /**
   * The same platform (database, keys) on another clock: demo and benchmark seeding walk a workflow
   * through its waiting periods on a manual clock set in the past.
   */
  atClock(clock: Clock): Services;
  lists: ListsService;
  sanctions: SanctionsService;
  disclosure: DisclosureService;
  reports: ReportsService;
  authorizations: AuthorizationsService;
  citizenLogin: CitizenLogin;
  objections: ObjectionsService;
  repair: RepairService;
  challenges: ChallengesService;
  exchange: ExchangeService;
}

/** Seeds every module's reference data (idempotent; never overwrites an admin's edit). */
export async function seedReferenceData(services: Services): Promise<void> {
  await services.accounts.seedReferenceData();
  await services.review.seedRules();
  await services.retention.seed();
  await services.catalog.seed();
  await services.calendar.seed();
  // After accounts and catalog: measures name their departments and catalog items.
  await services.sanctions.seed();
}

/** Where uploaded files are kept when the caller does not say (the CLI and server pass DATA_DIR/uploads). */
function defaultUploadDir(database: Database): string {
  return database.dialect === 'sqlite' ? path.join(path.dirname(database.location), 'uploads') : path.join(tmpdir(), 'chengxin-uploads');
}

export interface ServiceOptions {
  /** DATA_DIR/uploads: files received for ingestion. */
  uploadDir?: string;
}

export function createServices(database: Database, clock: Clock, keys: PlatformKeys, options: ServiceOptions = {}): Services {
  const audit = new AuditLog(database.db, clock);
  const identity = new IdentityService(database.db, clock, keys, audit);
  const accounts = new AccountsService(database.db, clock, audit, keys.fieldCipher, (code) => identity.resolvePersonId(code));
  const catalog = new CatalogService(database.db, clock, audit);
  const calendar = new CalendarService(database.db, clock, audit);
  const associations = new AssociationMembers(database.db, clock, audit, identity);
  // 《河南省社会信用条例》Art. 17: submissions are checked within 5 working days (holidays and 调休 from the calendar).
  const uploadDir = options.uploadDir ?? defaultUploadDir(database);
  const records = new RecordsService(database.db, clock, audit, identity, catalog, accounts, {
    uploadDir,
    addWorkingDays: calendar.addWorkingDays,
    associations,
  });
  const lists = new ListsService(database.db, clock, audit, identity, catalog, records, accounts, calendar.addWorkingDays);
  const sanctions = new SanctionsService(database.db, clock, audit, { identity, records, catalog, accounts, lists, addWorkingDays: calendar.addWorkingDays });
  // The public portal; reporters' names and contacts are encrypted with the field key.
  const disclosure = new DisclosureService(database.db, clock, audit, { identity, catalog, records, lists, accounts, fieldCipher: keys.fieldCipher, uploadDir });
  // Repairs granted and records corrected or revoked are owed to the upstream platform (outbox).
  const exchange = new ExchangeService(database.db, clock, audit);
  // Objections (issue 7): deadlines in working days (Art. 41); withdrawal through disclosure's suspensions.
  // Credit repair (issue 7): a granted repair stops disclosure, list entries and (through the hook) measures.
  const repair = new RepairService(database.db, clock, audit, { records, catalog, identity, lists, disclosure, exchange, addWorkingDays: calendar.addWorkingDays, uploadDir });
  sanctions.ignoreRepairedRecords((ids) => repair.repairedAmong(ids));
  const objections = new ObjectionsService(database.db, clock, audit, { records, lists, disclosure, accounts, exchange, addWorkingDays: calendar.addWorkingDays, identity, uploadDir });
  // Reconsideration and litigation (issue 7): marks records 行政复议中 / 行政诉讼中; a revoked decision is withdrawn (Art. 42).
  const challenges = new ChallengesService(database.db, clock, audit, { records, disclosure, accounts });
  // Reports are signed with the platform key that signs the access log's tree heads, and mark records under objection or repaired.
  const reports = new ReportsService(database.db, clock, audit, keys.signing, {
    identity,
    records,
    catalog,
    accounts,
    lists,
    recordMarks: {
      objectionPending: (ids) => objections.pendingOnRecords(ids),
      repaired: (ids) => repair.repairedAmong(ids),
      challenges: (ids) => challenges.marksOnRecords(ids),
    },
  });
  // An objection raised on a line of the person's own credit report is resolved by the report registry.
  objections.resolveReportLinesWith((personId, number, line) => reports.resolveReportLine(personId, number, line));
  // 发起: a listing initiates the departments' tasks (made good by the reconcile job if this fails).
  lists.onEntryListed((entry) => sanctions.workflow.initiate(entry).then(() => undefined));
  return {
    atClock: (other) => createServices(database, other, keys, options),
    database,
    clock,
    audit,
    ledger: new AuditLedger(database.db, clock, keys.signing),
    accounts,
    associations,
    identity,
    review: new ReviewService(database.db, clock, audit),
    retention: new RetentionService(database.db, clock, audit),
    catalog,
    records,
    calendar,
    lists,
    sanctions,
    disclosure,
    reports,
    authorizations: new AuthorizationsService(database.db, clock, audit, { reports, identity, catalog, accounts }),
    // The pending login's cookie is sealed with the field key (SM4 + HMAC-SM3): unreadable and unforgeable.
    citizenLogin: new CitizenLogin(clock, audit, keys.fieldCipher, { identity, accounts }),
    objections,
    repair,
    challenges,
    exchange,
  };
}

export type { Logger };
