import seed from './seed/objection-rules.json' with { type: 'json' };
import type { EvidenceFileLimits } from '../../shared/evidence-files.ts';

/**
 * Deadlines and switches of objection handling, each citing its source in the seed file. Art. 42's
 * one working day for a revocation needs no clock: a revoked decision is withdrawn when decided.
 */
export interface ObjectionRules {
  platformDecidesWorkingDays: number;
  providerVerifiesWorkingDays: number;
  providerAnswersWorkingDays: number;
  suspendDisclosureWhilePending: boolean;
  minReasonLength: number;
  /** Art. 41 "相关证明材料": evidence files per case, and the power of attorney, checked against these. */
  evidenceFiles: EvidenceFileLimits;
}

export const objectionRules: ObjectionRules = {
  platformDecidesWorkingDays: seed.platformDecidesWorkingDays.value,
  providerVerifiesWorkingDays: seed.providerVerifiesWorkingDays.value,
  providerAnswersWorkingDays: seed.providerAnswersWorkingDays.value,
  suspendDisclosureWhilePending: seed.suspendDisclosureWhilePending.value,
  minReasonLength: seed.minReasonLength.value,
  evidenceFiles: { maxFiles: seed.evidenceFiles.maxFiles, maxFileBytes: seed.evidenceFiles.maxFileBytes, allowedTypes: seed.evidenceFiles.allowedTypes },
};
