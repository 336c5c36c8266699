import rulesSeed from './seed/repair-rules.json' with { type: 'json' };
import type { RepairRules } from './eligibility.ts';
import type { EvidenceFileLimits } from '../../shared/evidence-files.ts';

/** The repair rule table, from `seed/repair-rules.json` (each number with its source). */
export const repairRules: RepairRules = rulesSeed as RepairRules;

/** What an application may carry as evidence files (seed `evidenceFiles`, with its basis). */
export const repairFileLimits: EvidenceFileLimits = {
  maxFiles: rulesSeed.evidenceFiles.maxFiles,
  maxFileBytes: rulesSeed.evidenceFiles.maxFileBytes,
  allowedTypes: rulesSeed.evidenceFiles.allowedTypes,
};
