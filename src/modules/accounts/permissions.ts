import type { Role } from './schema.ts';

/**
 * Permissions are `module:action` (STYLE.md). Two pseudo-permissions mark routes that need
 * no role: `public` (anyone) and `authenticated` (any signed-in user).
 */
export const PUBLIC = 'public';
export const AUTHENTICATED = 'authenticated';

export const PERMISSIONS = [
  'overview:read',
  // 逾期督办 (issue 7): overdue objections and repair applications with their escalation; a department sees its own.
  'overview:overdue',
  'departments:read',
  'users:read',
  'users:manage',
  'persons:read',
  'organizations:read',
  'audit:verify',
  'audit:review',
  'audit:retention',
  'catalog:read',
  'catalog:manage',
  'records:submit',
  'records:read',
  'records:stats',
  'calendar:read',
  'calendar:manage',
  'lists:read',
  'lists:propose',
  'lists:decide',
  'sanctions:read',
  'sanctions:check',
  'sanctions:feedback',
  'sanctions:tasks',
  'sanctions:manage',
  'sanctions:stats',
  'associations:read',
  'associations:manage',
  // Credit reports (issue 6): counter staff print a person's report; a citizen downloads their own.
  'reports:issue',
  'reports:own',
  // Public portal (issue 6): draft typical cases, review them, answer tips routed to the department.
  'disclosure:manage',
  'disclosure:review',
  'disclosure:tips',
  // Credit repair (issue 7): a citizen applies, the source department reviews, the platform decides.
  'repair:own',
  'repair:review',
  'repair:decide',
  'repair:stats',
  // Upstream exchange (issue 7): the platform reads the changes owed upstream and records their receipt.
  'exchange:read',
  'exchange:acknowledge',
  // Citizen centre and authorized queries (issue 6): a citizen reads their own records and manages
  // their authorizations; organizations and departments query; the admin keeps agencies out.
  'records:own',
  'authorizations:own',
  'queries:authorized',
  'queries:blacklist',
  // Objections (issue 7): a citizen objects to their own items; departments handle; admin and auditor see error statistics.
  'objections:own',
  'objections:handle',
  'objections:stats',
  // Reconsideration and litigation (issue 7): the source department or the platform records them on a record.
  'challenges:handle',
  // Held by every role: a user changes their own password and sets up their own second factor.
  'account:password',
  'account:two-factor-setup',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
export type RoutePermission = Permission | typeof PUBLIC | typeof AUTHENTICATED;

/**
 * Least privilege (GB/T 22239-2019 8.1.4.2): each role gets what its work needs. The auditor
 * reviews and verifies the access log but administers nothing; the admin sets its retention
 * but does not review it (separation of duties, 三权分立).
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  platform_admin: ['overview:read', 'overview:overdue', 'departments:read', 'users:read', 'users:manage', 'persons:read', 'organizations:read', 'audit:retention', 'catalog:read', 'catalog:manage', 'records:stats', 'calendar:read', 'calendar:manage', 'lists:read', 'sanctions:read', 'sanctions:manage', 'sanctions:stats', 'queries:blacklist', 'disclosure:manage', 'disclosure:review', 'objections:handle', 'challenges:handle', 'objections:stats', 'repair:decide', 'repair:stats', 'exchange:read', 'exchange:acknowledge', 'account:password', 'account:two-factor-setup'],
  auditor: ['overview:read', 'overview:overdue', 'departments:read', 'users:read', 'audit:verify', 'audit:review', 'catalog:read', 'records:stats', 'calendar:read', 'lists:read', 'sanctions:read', 'sanctions:stats', 'objections:stats', 'repair:stats', 'exchange:read', 'account:password', 'account:two-factor-setup'],
  dept_operator: ['overview:overdue', 'departments:read', 'persons:read', 'organizations:read', 'catalog:read', 'records:submit', 'records:read', 'calendar:read', 'associations:read', 'associations:manage', 'lists:read', 'lists:propose', 'sanctions:read', 'sanctions:check', 'sanctions:feedback', 'sanctions:tasks', 'reports:issue', 'queries:authorized', 'disclosure:manage', 'disclosure:tips', 'objections:handle', 'challenges:handle', 'repair:review', 'account:password', 'account:two-factor-setup'],
  dept_reviewer: ['overview:overdue', 'departments:read', 'persons:read', 'organizations:read', 'catalog:read', 'records:read', 'calendar:read', 'associations:read', 'lists:read', 'lists:decide', 'sanctions:read', 'sanctions:tasks', 'reports:issue', 'queries:authorized', 'disclosure:tips', 'objections:handle', 'challenges:handle', 'repair:review', 'account:password', 'account:two-factor-setup'],
  citizen: ['reports:own', 'records:own', 'authorizations:own', 'repair:own', 'objections:own', 'account:password', 'account:two-factor-setup'],
  api_client: ['persons:read', 'organizations:read', 'catalog:read', 'records:submit', 'records:read', 'sanctions:read', 'sanctions:check', 'sanctions:feedback', 'queries:authorized', 'account:password', 'account:two-factor-setup'],
};

/**
 * All a session may do before its user has set up a required second factor (see `two-factor.ts`):
 * enrol an authenticator, nothing else.
 */
export const TWO_FACTOR_PENDING_PERMISSIONS: readonly Permission[] = ['account:two-factor-setup'];

export function isRoutePermission(value: unknown): value is RoutePermission {
  return value === PUBLIC || value === AUTHENTICATED || (PERMISSIONS as readonly unknown[]).includes(value);
}

/** Roles whose users belong to a department. */
export const DEPARTMENT_ROLES: readonly Role[] = ['dept_operator', 'dept_reviewer'];

/** Roles whose users may belong to a department: a department system's API client submits for its department. */
export const OPTIONAL_DEPARTMENT_ROLES: readonly Role[] = ['api_client'];
