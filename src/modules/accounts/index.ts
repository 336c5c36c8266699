export { AccountsService, AccountLocked, InvalidCredentials, type AccountPolicy } from './service.ts';
export { AUTHENTICATED, PUBLIC, PERMISSIONS, ROLE_PERMISSIONS, isRoutePermission, type Permission, type RoutePermission } from './permissions.ts';
export { ROLES, type Department, type Role, type SessionUser, type User } from './schema.ts';
