import type { Logger } from 'pino';
import type { Clock } from './shared/clock.ts';
import type { PlatformKeys } from './shared/keys.ts';
import type { Database } from './db/index.ts';
import { AuditLedger, AuditLog } from './modules/audit/index.ts';
import { AccountsService } from './modules/accounts/index.ts';
import { IdentityService } from './modules/identity/index.ts';
import { ReviewService } from './modules/audit/review/index.ts';
import { RetentionService } from './modules/audit/retention/index.ts';
import { CatalogService } from './modules/catalog/index.ts';

/** The module services, wired once from the database, clock and keys; the server and the CLI share it. */
export interface Services {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  ledger: AuditLedger;
  accounts: AccountsService;
  identity: IdentityService;
  review: ReviewService;
  retention: RetentionService;
  catalog: CatalogService;
}

/** Seeds every module's reference data (idempotent; never overwrites an admin's edit). */
export async function seedReferenceData(services: Services): Promise<void> {
  await services.accounts.seedReferenceData();
  await services.review.seedRules();
  await services.retention.seed();
  await services.catalog.seed();
}

export function createServices(database: Database, clock: Clock, keys: PlatformKeys): Services {
  const audit = new AuditLog(database.db, clock);
  return {
    database,
    clock,
    audit,
    ledger: new AuditLedger(database.db, clock, keys.signing),
    accounts: new AccountsService(database.db, clock, audit, keys.fieldCipher),
    identity: new IdentityService(database.db, clock, keys, audit),
    review: new ReviewService(database.db, clock, audit),
    retention: new RetentionService(database.db, clock, audit),
    catalog: new CatalogService(database.db, clock, audit),
  };
}

export type { Logger };
