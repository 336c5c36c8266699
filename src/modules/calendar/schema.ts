import { Type, type Static } from 'typebox';

/**
 * The working-day calendar's shapes, shared by routes, service and the web app (type-only imports).
 * A stored day overrides the plain rule "Monday–Friday work, Saturday and Sunday rest".
 */

export const DAY_KINDS = ['holiday', 'workday'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

/** What an admin may set a day to: an override, or `normal` (no override: the weekday decides). */
export const SET_DAY_KINDS = ['holiday', 'workday', 'normal'] as const;
export type SetDayKind = (typeof SET_DAY_KINDS)[number];

/** The years the calendar accepts (inputs outside are refused with `calendar.date_out_of_range`). */
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;
/** The longest period one deadline computation accepts. */
export const MAX_WORKING_DAYS = 1000;

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const DateString = (description: string) => Type.String({ pattern: DATE_PATTERN, maxLength: 10, description });

export const CalendarDaySchema = Type.Object({
  date: Type.String({ description: 'YYYY-MM-DD (Asia/Shanghai) / 日期' }),
  kind: Type.Enum(DAY_KINDS, { description: 'holiday: rest day (法定节假日及调休休息); workday: adjusted working day (调休上班) / 类型' }),
  name: Type.Union([Type.String(), Type.Null()], { description: 'Holiday name, e.g. 春节 / 节日名称' }),
  source: Type.String({ description: 'Document the day comes from / 依据文件' }),
  verify: Type.Boolean({ description: 'Not yet confirmed against an official text / 待核实' }),
  note: Type.Union([Type.String(), Type.Null()], { description: 'Notes / 备注' }),
  seedVersion: Type.Union([Type.String(), Type.Null()], { description: 'Seed file version that wrote it; null once an admin set it / 种子版本' }),
  updatedBy: Type.Union([Type.String(), Type.Null()], { description: 'User id of the last change, null for seed / 最后修改人' }),
  updatedAt: Type.String({ description: 'ISO 8601 instant / 修改时间' }),
});
export type CalendarDay = Static<typeof CalendarDaySchema>;

export const YearParamsSchema = Type.Object(
  { year: Type.Integer({ minimum: MIN_YEAR, maximum: MAX_YEAR, description: 'Year / 年份' }) },
  { additionalProperties: false },
);

export const CalendarYearSchema = Type.Object({
  year: Type.Integer({ description: 'Year / 年份' }),
  days: Type.Array(CalendarDaySchema, { description: 'The year’s overrides, by date / 当年的节假日与调休上班日' }),
  counts: Type.Object({
    days: Type.Integer({ description: 'Days in the year / 全年天数' }),
    workingDays: Type.Integer({ description: 'Working days / 工作日' }),
    restDays: Type.Integer({ description: 'Rest days (weekends and holidays) / 休息日' }),
    holidays: Type.Integer({ description: 'Days marked holiday / 节假日（含调休休息）' }),
    adjustedWorkdays: Type.Integer({ description: 'Weekend days worked (调休上班) / 调休上班日' }),
  }),
  unconfirmed: Type.Boolean({ description: 'No official arrangement confirmed for this year (none stored, or days marked verify) / 当年安排未经核实' }),
  sources: Type.Array(Type.String(), { description: 'Documents the days come from / 依据文件' }),
  notes: Type.Array(Type.String(), { description: 'Notes on the year’s days / 备注' }),
});
export type CalendarYear = Static<typeof CalendarYearSchema>;

export const DateParamsSchema = Type.Object({ date: DateString('YYYY-MM-DD / 日期') }, { additionalProperties: false });

export const SetDayBodySchema = Type.Object(
  {
    kind: Type.Enum(SET_DAY_KINDS, { description: 'holiday | workday | normal (remove the override) / 设为节假日、调休上班日或恢复普通日' }),
    name: Type.Optional(Type.String({ maxLength: 50, description: 'Holiday name, e.g. 春节 / 节日名称' })),
    source: Type.Optional(Type.String({ maxLength: 500, description: 'Basis document, e.g. the State Council notice / 依据文件' })),
    reason: Type.String({ minLength: 2, maxLength: 1000, description: 'Why (kept in the change history) / 修改理由' }),
  },
  { additionalProperties: false },
);
export type SetDayBody = Static<typeof SetDayBodySchema>;

export const SetDayResultSchema = Type.Object({
  date: Type.String({ description: 'YYYY-MM-DD / 日期' }),
  kind: Type.Enum(SET_DAY_KINDS, { description: 'The day now / 当前类型' }),
  isWorkingDay: Type.Boolean({ description: 'Counts as a working day / 是否工作日' }),
  day: Type.Union([CalendarDaySchema, Type.Null()], { description: 'The stored override, null for a normal day / 当前设置' }),
  changed: Type.Boolean({ description: 'False when the day already was so (nothing written) / 是否有变化' }),
});
export type SetDayResult = Static<typeof SetDayResultSchema>;

export const DeadlineQuerySchema = Type.Object(
  {
    from: DateString('Start date; the period begins the next day (《民法典》Art. 201) / 起算日'),
    workingDays: Type.Integer({ minimum: 0, maximum: MAX_WORKING_DAYS, description: 'Number of working days / 工作日数' }),
  },
  { additionalProperties: false },
);

export const DeadlineSchema = Type.Object({
  from: Type.String({ description: 'Start date / 起算日' }),
  workingDays: Type.Integer({ description: 'Number of working days / 工作日数' }),
  due: Type.String({ description: 'The last day of the period, always a working day / 期限届满日' }),
  unconfirmedYears: Type.Array(Type.Integer(), {
    description: 'Years the period crosses whose arrangement is not confirmed (verify, or not seeded: weekends only) / 期间涉及的未经核实年份',
  }),
});
export type Deadline = Static<typeof DeadlineSchema>;

/** A day as a change records it: null is an ordinary day (no override). */
export const DaySnapshotSchema = Type.Union(
  [
    Type.Object({
      kind: Type.Enum(DAY_KINDS),
      name: Type.Union([Type.String(), Type.Null()]),
      source: Type.String(),
      verify: Type.Boolean(),
      note: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null(),
  ],
  { description: 'The day’s setting; null = ordinary day / 日期设置（null 为普通日）' },
);
export type DaySnapshot = Static<typeof DaySnapshotSchema>;

export const CalendarDayChangeSchema = Type.Object({
  id: Type.String({ description: 'Change id / 标识' }),
  date: Type.String({ description: 'YYYY-MM-DD / 日期' }),
  changeKind: Type.Enum(['seed', 'edit'], { description: 'seed file or admin edit / 变更方式' }),
  before: DaySnapshotSchema,
  after: DaySnapshotSchema,
  changedBy: Type.Union([Type.String(), Type.Null()], { description: 'User id, null for seed and CLI / 修改人' }),
  changedByName: Type.Union([Type.String(), Type.Null()], { description: 'Username / 修改人用户名' }),
  changedAt: Type.String({ description: 'ISO 8601 instant / 修改时间' }),
  reason: Type.String({ description: 'Why / 理由' }),
});
export type CalendarDayChange = Static<typeof CalendarDayChangeSchema>;

export const ChangesQuerySchema = Type.Object(
  {
    date: Type.Optional(DateString('Only changes of this day / 只看该日期')),
    edits: Type.Optional(Type.Boolean({ description: 'Only admin edits (leave out seed changes) / 只看管理员修改' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'At most this many, newest first (default 100) / 条数上限' })),
  },
  { additionalProperties: false },
);
export type ChangesQuery = Static<typeof ChangesQuerySchema>;
