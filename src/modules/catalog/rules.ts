import catalogSeed from './seed/catalog.json' with { type: 'json' };
import type { Period, Severity } from './schema.ts';

/**
 * The numbers and lists every catalog item is checked against, from `seed/catalog.json` (`rules`),
 * each with its source there. They change with the law, through the seed file.
 */
export interface CatalogRules {
  /** 济政办〔2017〕55号 (一)2: the 16 key domains, by their Chinese names. */
  keyDomains: readonly string[];
  /** 《信用修复管理办法》(in force 2026-04-01): publication periods by severity. */
  nationalPeriods: Readonly<Record<Severity, Period>>;
  /** 《河南省社会信用条例》Art. 19: negative information is disclosed for at most 5 years. */
  negativeDisclosureCapMonths: number;
}

export const CATALOG_SEED_VERSION: string = catalogSeed.version;

export const catalogRules: CatalogRules = {
  keyDomains: catalogSeed.rules.keyDomains.values,
  nationalPeriods: {
    minor: catalogSeed.rules.publicationPeriods.minor,
    ordinary: catalogSeed.rules.publicationPeriods.ordinary,
    serious: catalogSeed.rules.publicationPeriods.serious,
  },
  negativeDisclosureCapMonths: catalogSeed.rules.negativeDisclosureCapMonths.value,
};
