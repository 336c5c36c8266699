import rulesSeed from './seed/report-rules.json' with { type: 'json' };

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
