import seed from './seed/challenge-rules.json' with { type: 'json' };

/** The switches of reconsideration and litigation markers, each citing its source in the seed file. */
export interface ChallengeRules {
  markWhilePending: boolean;
  suspendDisclosureWhilePending: boolean;
  withdrawOnRevocation: boolean;
}

export const challengeRules: ChallengeRules = {
  markWhilePending: seed.markWhilePending.value,
  suspendDisclosureWhilePending: seed.suspendDisclosureWhilePending.value,
  withdrawOnRevocation: seed.withdrawOnRevocation.value,
};
