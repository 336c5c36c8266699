import type { Clock } from '../../shared/clock.ts';
import type { AccountsService } from '../accounts/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { OverviewCounts } from './schema.ts';

export interface OverviewSources {
  identity: IdentityService;
  accounts: AccountsService;
  clock: Clock;
}

/** Counts for the admin overview; aggregates only, so no access-log entry is needed. */
export async function countOverview({ identity, accounts, clock }: OverviewSources): Promise<OverviewCounts> {
  const [persons, organizations, departments, users] = await Promise.all([
    identity.countPersons(),
    identity.countOrganizations(),
    accounts.countDepartments(),
    accounts.countUsers(),
  ]);
  return { persons, organizations, departments, users, at: clock.now().toISOString() };
}
