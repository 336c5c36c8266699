import type { Logger } from 'pino';
import type { Clock } from './shared/clock.ts';
import type { PlatformKeys } from './shared/keys.ts';
import type { Database } from './db/index.ts';
import { AuditLedger, AuditLog } from './modules/audit/index.ts';
import { AccountsService } from './modules/accounts/index.ts';
import { IdentityService } from './modules/identity/index.ts';

/** The module services, wired once from the database, clock and keys; the server and the CLI share it. */
export interface Services {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  ledger: AuditLedger;
  accounts: AccountsService;
  identity: IdentityService;
}

export function createServices(database: Database, clock: Clock, keys: PlatformKeys): Services {
  const audit = new AuditLog(database.db, clock);
  return {
    database,
    clock,
    audit,
    ledger: new AuditLedger(database.db, clock, keys.signing),
    accounts: new AccountsService(database.db, clock, audit),
    identity: new IdentityService(database.db, clock, keys, audit),
  };
}

export type { Logger };
