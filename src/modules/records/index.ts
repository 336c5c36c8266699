export { RecordsService, ImportInterrupted, type AddWorkingDays, type ImportOptions, type ImportProgress, type RecordsServiceOptions } from './service.ts';
export { recordsRoutes, type RecordsRouteOptions } from './routes.ts';
export { recordsMessages, recordsMessage } from './messages.ts';
export { ingestionRules, addWeekdays, type IngestionRules } from './rules.ts';
export {
  ImportJobSchema,
  RowErrorSchema,
  RecordSummarySchema,
  RecordVersionSchema,
  LINK_ROLES,
  type LinkRole,
  type SubjectRecordFact,
  type DepartmentStats,
  type ImportJob,
  type JobSource,
  type JobStatus,
  type RecordSummary,
  type RecordVersion,
  type RowError,
} from './schema.ts';
