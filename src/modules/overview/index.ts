export { countOverview, type OverviewSources } from './service.ts';
export type { OverviewCounts } from './schema.ts';
