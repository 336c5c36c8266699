export { ListsService, type AddWorkingDays, type EntryListener } from './service.ts';
export { listsRoutes, type ListsRouteOptions } from './routes.ts';
export { listsMessages } from './messages.ts';
export { listRules, isCleanFor, type ListRules } from './rules.ts';
export { LIST_KINDS, WATCH_CATEGORIES, type ListKind, type StandingEntry, type SubjectRef, type SubjectStanding, type WatchCategory } from './standing.ts';
export {
  ENTRY_STATUSES,
  REMOVAL_REASONS,
  ListEntrySchema,
  EntryDetailSchema,
  NoticeSchema,
  type EntryDetail,
  type EntryStatus,
  type ListEntry,
  type Notice,
  type RemovalReason,
} from './schema.ts';
