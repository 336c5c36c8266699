/**
 * The contract between the lists module and its readers (sanctions' check API, reports): what a
 * subject's standing is today. Computed from list entries, records and the clock on every call —
 * never stored, so it cannot go stale (policy (三)5).
 */

export const LIST_KINDS = ['red', 'serious_dishonesty', 'watch'] as const;
/** 红名单 | 严重失信主体名单 | 重点监管对象 */
export type ListKind = (typeof LIST_KINDS)[number];

/** The six key supervision categories of policy (三)7 (codes; names in the seed file). */
export const WATCH_CATEGORIES = ['malicious_debt_evasion', 'illegal_fundraising', 'telecom_fraud', 'online_fraud', 'traffic_violation', 'tax_dishonesty'] as const;
export type WatchCategory = (typeof WATCH_CATEGORIES)[number];

export interface SubjectRef {
  type: 'person' | 'organization';
  /** persons.id / organizations.id */
  id: string;
}

/** One list entry in force on the day asked about. */
export interface StandingEntry {
  entryId: string;
  list: ListKind;
  /** red: the honour's catalog item code (DDMF …) or `association` / `media`; watch: a WatchCategory; serious: the dishonesty category */
  category: string | null;
  /** Catalog items of the records the entry rests on */
  itemCodes: string[];
  /** The records the entry rests on (credit_records.id) */
  recordIds: string[];
  /** For serious_dishonesty: always 'serious'; otherwise the highest severity of its records, or null */
  severity: 'minor' | 'ordinary' | 'serious' | null;
  /** Legal basis cited by the listing department */
  basis: string;
  /** The department that listed it (departments.id) */
  departmentId: string;
  /** YYYY-MM-DD, Asia/Shanghai */
  listedOn: string;
  /** Last day in force (YYYY-MM-DD) or null when open-ended */
  endsOn: string | null;
  /**
   * Set when the entry is an organization's and reaches this person as its legal representative or
   * responsible person (policy (三)6 落实到人, Henan Art. 35); null for the subject's own entry.
   */
  via: { organizationId: string; organizationName: string; role: string } | null;
}

export interface SubjectStanding {
  subject: SubjectRef;
  /** YYYY-MM-DD the standing was computed for (the injected clock's today) */
  asOf: string;
  /** Entries in force today: own entries, and for a person, the organizations' entries that reach them */
  entries: StandingEntry[];
  /**
   * Persons: no bad record decided within the last N years (N from the lists rule file, policy (三)5:
   * 连续三年以上无不良记录). Organizations: the same rule over their own records.
   */
  cleanForYears: boolean;
  /** The decision date of the latest bad record, or null when there is none */
  lastBadRecordOn: string | null;
}
