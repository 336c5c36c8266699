export { RetentionBelowMinimum, RetentionService } from './service.ts';
export { auditRetentionRoutes, type AuditRetentionRouteOptions } from './routes.ts';
export type { RetentionSetting } from './schema.ts';
