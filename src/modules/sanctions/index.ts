export { SanctionsService, DefinitionInvalid, type MeasureBook, type SanctionsDeps, type StandingSource } from './service.ts';
export { SanctionsWorkflow, type EntryFeed, type ListedEntry } from './workflow.ts';
export { sanctionsRoutes, type SanctionsRouteOptions } from './routes.ts';
export { sanctionsMessages } from './messages.ts';
export { SANCTIONS_SEED_VERSION, sanctionRules, type SanctionRules } from './rules.ts';
export { addMonths, matchMeasures, publishedUntil, type ItemFacts, type MatchInput, type MatchedMeasure } from './matching.ts';
export type { CheckReply, Dashboard, Hit, HitTrigger, Measure, MeasureInput, Memorandum, MemorandumInput, Scenario, Task, TaskStatus, Trigger } from './schema.ts';
