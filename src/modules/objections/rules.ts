import seed from './seed/objection-rules.json' with { type: 'json' };

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
}

export const objectionRules: ObjectionRules = {
  platformDecidesWorkingDays: seed.platformDecidesWorkingDays.value,
  providerVerifiesWorkingDays: seed.providerVerifiesWorkingDays.value,
  providerAnswersWorkingDays: seed.providerAnswersWorkingDays.value,
  suspendDisclosureWhilePending: seed.suspendDisclosureWhilePending.value,
  minReasonLength: seed.minReasonLength.value,
};
