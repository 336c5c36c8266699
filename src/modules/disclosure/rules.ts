import rulesSeed from './seed/disclosure-rules.json' with { type: 'json' };

/** The portal's numbers, from `seed/disclosure-rules.json` (each with its source). */
export interface DisclosureRules {
  version: string;
  /** Policy (四)10, STANDARDS.md: an act before this birthday is never publicly disclosed. */
  adultAge: number;
  search: { minNameLength: number; maxSubjects: number; maxEntries: number };
  tips: { maxAttachments: number; maxAttachmentBytes: number; allowedTypes: readonly string[]; maxDescriptionLength: number };
  cases: { minReasonLength: number };
}

export const disclosureRules: DisclosureRules = {
  version: rulesSeed.version,
  adultAge: rulesSeed.adultAge.value,
  search: { minNameLength: rulesSeed.search.minNameLength, maxSubjects: rulesSeed.search.maxSubjects, maxEntries: rulesSeed.search.maxEntries },
  tips: {
    maxAttachments: rulesSeed.tips.maxAttachments,
    maxAttachmentBytes: rulesSeed.tips.maxAttachmentBytes,
    allowedTypes: rulesSeed.tips.allowedTypes,
    maxDescriptionLength: rulesSeed.tips.maxDescriptionLength,
  },
  cases: { minReasonLength: rulesSeed.cases.minReasonLength },
};
