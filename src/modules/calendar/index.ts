export { ADMIN_SOURCE, CALENDAR_SEED_VERSION, CalendarService, expandSeed, type CalendarServiceOptions, type HolidaySeed, type HolidaySeedYear } from './service.ts';
export { calendarRoutes, type CalendarRouteOptions } from './routes.ts';
export { calendarMessages } from './messages.ts';
export {
  DAY_KINDS,
  MAX_WORKING_DAYS,
  MAX_YEAR,
  MIN_YEAR,
  SET_DAY_KINDS,
  type CalendarDay,
  type CalendarDayChange,
  type CalendarYear,
  type DayKind,
  type DaySnapshot,
  type Deadline,
  type SetDayKind,
  type SetDayResult,
} from './schema.ts';
