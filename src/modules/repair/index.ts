export { RepairService, type RepairDeps } from './service.ts';
export { computeRepairEligibility, type Eligibility, type EligibilityInput, type RepairRules } from './eligibility.ts';
export { repairRules } from './rules.ts';
export { repairRoutes } from './routes.ts';
export { repairMessages } from './messages.ts';
export type { Application, RepairEvidence, RepairRequest } from './schema.ts';
