export { CatalogItemInvalid, CatalogService, ItemNotAcceptingRecords } from './service.ts';
export { catalogRoutes, type CatalogRouteOptions } from './routes.ts';
export { catalogMessages } from './messages.ts';
export { CATALOG_SEED_VERSION, catalogRules, type CatalogRules } from './rules.ts';
export { ANY_DEPARTMENT, type ItemProblem } from './validation.ts';
export {
  CATEGORIES,
  DISCLOSURE_LEVELS,
  FIELD_TYPES,
  SEVERITIES,
  SUBJECT_TYPES,
  type CatalogFilter,
  type CatalogItem,
  type CatalogItemChanges,
  type CatalogItemInput,
  type CatalogItemVersion,
  type Category,
  type DisclosureLevel,
  type FieldDefinition,
  type FieldType,
  type KeyProfession,
  type Period,
  type PublicationRule,
  type Severity,
  type SubjectType,
} from './schema.ts';
