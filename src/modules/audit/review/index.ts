export { ReviewService, type FindingFilter, type StoredFinding } from './service.ts';
export { auditReviewRoutes, type AuditReviewRouteOptions, type UsernameResolver } from './routes.ts';
export { reviewDueDays, RULE_KEYS, type RuleKey } from './rules.ts';
export type { Finding, FindingReview, FindingStatus, ReviewRule, ReviewRun, ReviewTrigger } from './schema.ts';
