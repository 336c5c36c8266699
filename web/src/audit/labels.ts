import type { MessageKey } from '../i18n/index.tsx';
import type { FindingStatus, RuleKey } from './api.ts';

export const RULE_LABELS: Record<RuleKey, MessageKey> = {
  volume_spike: 'audit.rule.volume_spike',
  off_hours: 'audit.rule.off_hours',
  no_purpose: 'audit.rule.no_purpose',
  many_subjects: 'audit.rule.many_subjects',
};

export const RULE_DESCRIPTIONS: Record<RuleKey, MessageKey> = {
  volume_spike: 'audit.ruleHelp.volume_spike',
  off_hours: 'audit.ruleHelp.off_hours',
  no_purpose: 'audit.ruleHelp.no_purpose',
  many_subjects: 'audit.ruleHelp.many_subjects',
};

export const RULE_COLORS: Record<RuleKey, string> = {
  volume_spike: '#fa8c16',
  off_hours: '#722ed1',
  no_purpose: '#f5222d',
  many_subjects: '#1677ff',
};

export const STATUS_LABELS: Record<FindingStatus, MessageKey> = {
  open: 'audit.status.open',
  confirmed: 'audit.status.confirmed',
  dismissed: 'audit.status.dismissed',
};

export const STATUS_COLORS: Record<FindingStatus, string> = { open: 'gold', confirmed: 'red', dismissed: 'default' };

/** Labels of the numbers a finding or a rule carries; unknown keys are shown as they are. */
export const DETAIL_LABELS: Record<string, MessageKey> = {
  actorRole: 'audit.detail.actorRole',
  reads: 'audit.detail.reads',
  baselineReads: 'audit.detail.baselineReads',
  baselineDays: 'audit.detail.baselineDays',
  baselineMeanPerDay: 'audit.detail.baselineMeanPerDay',
  baselineFrom: 'audit.detail.baselineFrom',
  factor: 'audit.detail.factor',
  minReads: 'audit.detail.minReads',
  threshold: 'audit.detail.threshold',
  distinctPersons: 'audit.detail.distinctPersons',
  isWorkingWeekday: 'audit.detail.isWorkingWeekday',
  workdayStart: 'audit.detail.workdayStart',
  workdayEnd: 'audit.detail.workdayEnd',
  workingWeekdays: 'audit.detail.workingWeekdays',
  firstAt: 'audit.detail.firstAt',
  lastAt: 'audit.detail.lastAt',
  ruleVersion: 'audit.detail.ruleVersion',
};

/** Detail values that are instants, shown as Shanghai date and time. */
export const INSTANT_DETAILS = new Set(['firstAt', 'lastAt', 'baselineFrom']);

/** Kinds of problem `POST /api/v1/audit/verify` reports (AuditLedger.verify). */
export const PROBLEM_KIND_LABELS: Record<string, MessageKey> = {
  altered: 'audit.problem.altered',
  removed: 'audit.problem.removed',
  reordered: 'audit.problem.reordered',
  rewritten: 'audit.problem.rewritten',
  head_signature: 'audit.problem.head_signature',
  head_missing: 'audit.problem.head_missing',
  head_beyond_log: 'audit.problem.head_beyond_log',
  unknown_key: 'audit.problem.unknown_key',
};

/** What an access-log entry's result means to the person it is about. */
export const RESULT_LABELS: Record<string, { label: MessageKey; color: string }> = {
  ok: { label: 'audit.result.ok', color: 'green' },
  denied: { label: 'audit.result.denied', color: 'red' },
  not_found: { label: 'audit.result.not_found', color: 'default' },
};

/** Actions a citizen meets in their own log, in words; others are shown by their code. */
export const ACTION_LABELS: Record<string, MessageKey> = {
  'person.read': 'audit.action.person.read',
  'audit.own_log_read': 'audit.action.audit.own_log_read',
  'reports.issue': 'audit.action.reports.issue',
  'queries.authorized': 'audit.action.queries.authorized',
  'records.own_read': 'audit.action.records.own_read',
  'authorizations.grant': 'audit.action.authorizations.grant',
  'person.verify': 'audit.action.person.verify',
  'authorizations.revoke': 'audit.action.authorizations.revoke',
  'auth.oidc_login': 'audit.action.auth.oidc_login',
  'records.read': 'audit.action.records.read',
  'records.list': 'audit.action.records.list',
  'sanctions.check': 'audit.action.sanctions.check',
  'disclosure.public_search': 'audit.action.disclosure.public_search',
  'reports.verify': 'audit.action.reports.verify',
  'lists.propose': 'audit.action.lists.propose',
  'lists.read': 'audit.action.lists.read',
  'lists.read_own': 'audit.action.lists.read_own',
};
