import type { Role } from './schema.ts';

/**
 * Permissions are `module:action` (STYLE.md). Two pseudo-permissions mark routes that need
 * no role: `public` (anyone) and `authenticated` (any signed-in user).
 */
export const PUBLIC = 'public';
export const AUTHENTICATED = 'authenticated';

export const PERMISSIONS = [
  'overview:read',
  'departments:read',
  'users:read',
  'users:manage',
  'persons:read',
  'organizations:read',
  'audit:verify',
  'audit:review',
  'audit:retention',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
export type RoutePermission = Permission | typeof PUBLIC | typeof AUTHENTICATED;

/**
 * Least privilege (GB/T 22239-2019 8.1.4.2): each role gets what its work needs. The auditor
 * reviews and verifies the access log but administers nothing; the admin sets its retention
 * but does not review it (separation of duties, 三权分立).
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  platform_admin: ['overview:read', 'departments:read', 'users:read', 'users:manage', 'persons:read', 'organizations:read', 'audit:retention'],
  auditor: ['overview:read', 'departments:read', 'users:read', 'audit:verify', 'audit:review'],
  dept_operator: ['departments:read', 'persons:read', 'organizations:read'],
  dept_reviewer: ['departments:read', 'persons:read', 'organizations:read'],
  citizen: [],
  api_client: ['persons:read', 'organizations:read'],
};

export function isRoutePermission(value: unknown): value is RoutePermission {
  return value === PUBLIC || value === AUTHENTICATED || (PERMISSIONS as readonly unknown[]).includes(value);
}

/** Roles whose users belong to a department. */
export const DEPARTMENT_ROLES: readonly Role[] = ['dept_operator', 'dept_reviewer'];
