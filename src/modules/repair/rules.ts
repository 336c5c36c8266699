import rulesSeed from './seed/repair-rules.json' with { type: 'json' };
import type { RepairRules } from './eligibility.ts';

/** The repair rule table, from `seed/repair-rules.json` (each number with its source). */
export const repairRules: RepairRules = rulesSeed as RepairRules;
