import type { DisclosureLevel } from '../catalog/index.ts';
import rulesSeed from './seed/report-rules.json' with { type: 'json' };
import queriesSeed from './seed/query-rules.json' with { type: 'json' };

/** Credit reports' numbers and mappings, from `seed/report-rules.json` (each with its source). */
export interface ReportRules {
  version: string;
  issuer: { name: string; nameEn: string };
  number: { prefix: string; randomDigits: number };
  verificationCode: { length: number; alphabet: string; groupSize: number };
  /** The person's own reports show the full name; the citizen code is always masked. */
  fullNameForSubject: boolean;
  /** 《河南省社会信用条例》Art. 40: who used or queried the information, over this many months. */
  queryLogMonths: number;
  queryLogMaxEntries: number;
  /** The catalog item whose records are licences, and the field naming the key profession. */
  licenceItem: string;
  licenceProfessionField: string;
  /** The licence item's fields shown in a professional report. */
  licenceFields: { certificateName: string; issuingAuthority: string; issuedOn: string; validUntil: string; status: string };
  /** Professional reports: serious bad records of any domain are included too. */
  includeSeriousFromAnyDomain: boolean;
  /** Key profession code → the key domains whose items a professional report shows. */
  professionDomains: ReadonlyMap<string, readonly string[]>;
}

export const reportRules: ReportRules = {
  version: rulesSeed.version,
  issuer: { name: rulesSeed.issuer.name, nameEn: rulesSeed.issuer.nameEn },
  number: { prefix: rulesSeed.number.prefix, randomDigits: rulesSeed.number.randomDigits },
  verificationCode: { length: rulesSeed.verificationCode.length, alphabet: rulesSeed.verificationCode.alphabet, groupSize: rulesSeed.verificationCode.groupSize },
  fullNameForSubject: rulesSeed.identity.fullNameForSubject,
  queryLogMonths: rulesSeed.queryLog.months,
  queryLogMaxEntries: rulesSeed.queryLog.maxEntries,
  licenceItem: rulesSeed.professionDomains.licenceItem,
  licenceProfessionField: rulesSeed.professionDomains.licenceProfessionField,
  licenceFields: rulesSeed.professionDomains.licenceFields,
  includeSeriousFromAnyDomain: rulesSeed.professionDomains.includeSeriousFromAnyDomain,
  professionDomains: new Map(Object.entries(rulesSeed.professionDomains.domains)),
};

/** Authorizations, government sharing and real-name login, from `seed/query-rules.json` (each with its source). */
export interface QueryRules {
  version: string;
  /** The longest validity (days, both ends included) and the most uses one authorization may grant. */
  maxValidityDays: number;
  maxUses: number;
  /** Catalog sharing levels a department may read without the person's authorization (Henan Art. 18, 22). */
  governmentDisclosureLevels: readonly DisclosureLevel[];
  /** How long a started real-name login may take (state, nonce and PKCE verifier). */
  oidcStateMinutes: number;
}

export const queryRules: QueryRules = {
  version: queriesSeed.version,
  maxValidityDays: queriesSeed.authorizations.maxValidityDays,
  maxUses: queriesSeed.authorizations.maxUses,
  governmentDisclosureLevels: queriesSeed.governmentSharing.disclosureLevels as DisclosureLevel[],
  oidcStateMinutes: queriesSeed.oidc.stateMinutes,
};
