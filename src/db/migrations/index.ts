import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_audit_ledger.ts';
import * as m0003 from './0003_audit_review.ts';
import * as m0004 from './0004_accounts_two_factor.ts';
import * as m0005 from './0005_catalog.ts';
import * as m0006 from './0006_records.ts';
import * as m0007 from './0007_calendar.ts';
import * as m0008 from './0008_association_members.ts';
import * as m0009 from './0009_lists.ts';
import * as m0010 from './0010_sanctions.ts';
import * as m0011 from './0011_reports.ts';
import * as m0012 from './0012_disclosure.ts';
import * as m0013 from './0013_authorizations.ts';
import * as m0014 from './0014_objections.ts';
import * as m0015 from './0015_repair.ts';
import * as m0016 from './0016_objection_evidence.ts';
import * as m0017 from './0017_legal_challenges.ts';
import * as m0018 from './0018_escalations.ts';
import * as m0019 from './0019_exchange_changes.ts';
import * as m0020 from './0020_open_case_unique.ts';

/** Every migration, in order. Never edit one that has been merged; add a new one. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_audit_ledger': m0002,
  '0003_audit_review': m0003,
  '0004_accounts_two_factor': m0004,
  '0005_catalog': m0005,
  '0006_records': m0006,
  '0007_calendar': m0007,
  '0008_association_members': m0008,
  '0009_lists': m0009,
  '0010_sanctions': m0010,
  '0011_reports': m0011,
  '0012_disclosure': m0012,
  '0013_authorizations': m0013,
  '0014_objections': m0014,
  '0015_repair': m0015,
  '0016_objection_evidence': m0016,
  '0017_legal_challenges': m0017,
  '0018_escalations': m0018,
  '0019_exchange_changes': m0019,
  '0020_open_case_unique': m0020,
};
