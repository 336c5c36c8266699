export { IdentityService, type NewOrganization, type NewPerson, type IdentityStatus } from './service.ts';
export type { Organization, Person } from './schema.ts';
export * from './codes/index.ts';
