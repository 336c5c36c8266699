import rulesSeed from './seed/ingestion-rules.json' with { type: 'json' };

/** Ingestion's numbers and mappings, from `seed/ingestion-rules.json` (each with its source). */
export interface IngestionRules {
  version: string;
  /** 《河南省社会信用条例》Art. 17: received data is checked within this many working days. */
  checkWorkingDays: number;
  /** 双公示 layout kind → the catalog item for each subject type. */
  layoutItems: Record<'penalty' | 'permit', { person: string; organization: string }>;
  /** Severities of an organization's record that are also written to its responsible persons (policy (一)2). */
  linkSeverities: readonly string[];
  responsibleColumns: ReadonlyArray<{ role: string; name: readonly string[]; code: readonly string[] }>;
  severityColumnNames: readonly string[];
  severityValues: Readonly<Record<string, string>>;
  /** Rows per committed transaction. */
  chunkRows: number;
  batchMaxRecords: number;
}

export const ingestionRules: IngestionRules = {
  version: rulesSeed.version,
  checkWorkingDays: rulesSeed.checkWorkingDays.value,
  layoutItems: { penalty: rulesSeed.layoutItems.penalty, permit: rulesSeed.layoutItems.permit },
  linkSeverities: rulesSeed.responsiblePersons.severities,
  responsibleColumns: rulesSeed.responsiblePersons.columns,
  severityColumnNames: rulesSeed.severityColumn.names,
  severityValues: rulesSeed.severityColumn.values,
  chunkRows: rulesSeed.chunkRows.value,
  batchMaxRecords: rulesSeed.batchMaxRecords.value,
};

/** The 双公示 family an item belongs to (XZCF → penalty), if any. */
export function familyOf(rules: IngestionRules, itemCode: string): 'penalty' | 'permit' | null {
  for (const kind of ['penalty', 'permit'] as const) {
    const family = rules.layoutItems[kind];
    if (family.person === itemCode || family.organization === itemCode) return kind;
  }
  return null;
}

/**
 * Until the calendar module (holidays and 调休 working weekends) is wired in, working days are
 * Monday to Friday. Only a fallback: `services.ts` passes the calendar's `addWorkingDays` once it exists.
 */
export async function addWeekdays(date: string, days: number): Promise<string> {
  const d = new Date(`${date}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const day = d.getUTCDay();
    if (day !== 0 && day !== 6) left -= 1;
  }
  return d.toISOString().slice(0, 10);
}
