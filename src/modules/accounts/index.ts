export { AccountsService, AccountLocked, InvalidCredentials, type AccountPolicy } from './service.ts';
export { AUTHENTICATED, PUBLIC, PERMISSIONS, ROLE_PERMISSIONS, isRoutePermission, type Permission, type RoutePermission } from './permissions.ts';
export { DEPARTMENT_KINDS, ROLES, type AssociationMember, type Department, type DepartmentKind, type MemberInput, type Role, type SessionUser, type User } from './schema.ts';
export { AssociationMembers } from './associations.ts';
export { associationRoutes, type AssociationRouteOptions } from './association-routes.ts';
