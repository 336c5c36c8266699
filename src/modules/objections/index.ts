export { ObjectionsService, type AddWorkingDays, type ObjectionsDeps } from './service.ts';
export { objectionsRoutes, type ObjectionsRouteOptions } from './routes.ts';
export { objectionsMessages } from './messages.ts';
export { objectionRules, type ObjectionRules } from './rules.ts';
export { OBJECTION_KINDS, OUTCOMES, TARGET_KINDS, ObjectionSchema, type DepartmentErrorStats, type Objection, type ObjectionKind, type Outcome, type Target } from './schema.ts';
