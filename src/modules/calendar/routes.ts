import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { CalendarService } from './service.ts';
import {
  CalendarDayChangeSchema,
  CalendarYearSchema,
  ChangesQuerySchema,
  DateParamsSchema,
  DeadlineQuerySchema,
  DeadlineSchema,
  SetDayBodySchema,
  SetDayResultSchema,
  YearParamsSchema,
} from './schema.ts';

export interface CalendarRouteOptions {
  calendar: CalendarService;
  /** User id → username, to show who changed a day. */
  usernames?: (ids: readonly string[]) => Promise<Map<string, string>>;
}

export async function calendarRoutes(app: FastifyInstance, opts: CalendarRouteOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { calendar } = opts;

  r.get(
    '/api/v1/calendar/years/:year',
    {
      config: { permission: 'calendar:read' },
      schema: {
        tags: ['calendar'],
        summary: 'A year’s holidays and adjusted working days, with counts / 某年的节假日与调休上班日',
        params: YearParamsSchema,
        response: { 200: CalendarYearSchema },
      },
    },
    async (request) => calendar.listYear(request.params.year),
  );

  r.put(
    '/api/v1/calendar/days/:date',
    {
      config: { permission: 'calendar:manage' },
      schema: {
        tags: ['calendar'],
        summary: 'Set a day to holiday, adjusted working day or normal, with a reason / 设置某日（须说明理由）',
        description:
          'Writes the day, its change (before/after, who, why) and an access-log entry together; nothing is written when the day already is so. 409 `calendar.changed_concurrently` when someone else changed it meanwhile. / 修改与审计日志同一事务写入。',
        params: DateParamsSchema,
        body: SetDayBodySchema,
        response: { 200: SetDayResultSchema },
      },
    },
    async (request) => {
      const { kind, name, reason, source } = request.body;
      return calendar.setDay(request.context(), request.params.date, kind, name, reason, source);
    },
  );

  r.get(
    '/api/v1/calendar/deadline',
    {
      config: { permission: 'calendar:read' },
      schema: {
        tags: ['calendar'],
        summary: 'The date N working days after a start date / 计算工作日期限',
        description:
          'The start day is not counted (《民法典》第二百零一条); the due date is the N-th working day after it, so always a working day. `unconfirmedYears` names the years crossed whose arrangement is not confirmed. / 起算日当日不计入。',
        querystring: DeadlineQuerySchema,
        response: { 200: DeadlineSchema },
      },
    },
    async (request) => calendar.deadline(request.query.from, request.query.workingDays),
  );

  r.get(
    '/api/v1/calendar/changes',
    {
      config: { permission: 'calendar:read' },
      schema: {
        tags: ['calendar'],
        summary: 'Changes to the calendar, newest first, with who and why / 日历修改记录',
        querystring: ChangesQuerySchema,
        response: { 200: Type.Object({ changes: Type.Array(CalendarDayChangeSchema) }) },
      },
    },
    async (request) => {
      const { date, edits, limit } = request.query;
      const changes = await calendar.history(date, { editsOnly: edits ?? false, ...(limit !== undefined ? { limit } : {}) });
      const ids = [...new Set(changes.map((c) => c.changedBy).filter((id): id is string => id !== null))];
      const names = opts.usernames && ids.length > 0 ? await opts.usernames(ids) : new Map<string, string>();
      return { changes: changes.map((c) => ({ ...c, changedByName: c.changedBy ? (names.get(c.changedBy) ?? null) : null })) };
    },
  );
}
