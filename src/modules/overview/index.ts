export { countOverview, overdueOverview, type OverdueSources, type OverviewSources } from './service.ts';
export type { OverdueCaseView, OverdueOverview, OverviewCounts } from './schema.ts';
