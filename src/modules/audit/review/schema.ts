import { Type, type Static } from 'typebox';
import { RULE_KEYS } from './rules.ts';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Calendar day in Asia/Shanghai, YYYY-MM-DD / 日期（北京时间）' });
const Instant = Type.String({ description: 'ISO 8601 instant (UTC) / 时间' });
const NullableString = Type.Union([Type.String(), Type.Null()]);

export const FINDING_STATUSES = ['open', 'confirmed', 'dismissed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const RuleKeySchema = Type.Enum(RULE_KEYS, { description: 'Review rule: volume_spike | off_hours | no_purpose | many_subjects / 审查规则' });
export const FindingStatusSchema = Type.Enum(FINDING_STATUSES, { description: 'open | confirmed | dismissed / 状态：待审查、确认异常、排除' });

export const FindingSchema = Type.Object({
  id: Type.String({ description: 'Finding id / 审查发现标识' }),
  /** Which rule found it. */
  rule: RuleKeySchema,
  /** The user whose reads were found unusual. */
  actorUserId: Type.String({ description: 'User whose reads were flagged / 被审查用户' }),
  /** Their login name, when the server can resolve it. */
  actorUsername: NullableString,
  day: Day,
  windowStart: Instant,
  windowEnd: Instant,
  /** Counts, the rule's numbers at the time, example access-log entry ids — never a citizen code. */
  details: Type.Record(Type.String(), Type.Unknown(), { description: 'Counts, thresholds and example entry ids / 统计与示例日志编号' }),
  status: FindingStatusSchema,
  reviewedBy: NullableString,
  reviewedByUsername: NullableString,
  reviewedAt: Type.Union([Instant, Type.Null()]),
  /** The latest reviewer's note; earlier notes are in the finding's review history. */
  reviewNote: NullableString,
  runId: Type.String({ description: 'Review run that found it / 所属审查批次' }),
  createdAt: Instant,
});
export type Finding = Static<typeof FindingSchema>;

export const FindingListQuerySchema = Type.Object(
  {
    status: Type.Optional(FindingStatusSchema),
    rule: Type.Optional(RuleKeySchema),
    day: Type.Optional(Day),
    /** Only findings about this user. */
    actorUserId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'User id / 用户标识' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

export const FindingListSchema = Type.Object({
  items: Type.Array(FindingSchema),
  /** All findings matching the filter, for paging. */
  total: Type.Integer(),
});

export const FindingReviewBodySchema = Type.Object(
  {
    status: Type.Enum(['confirmed', 'dismissed'] as const, { description: 'confirmed (异常属实) | dismissed (排除) / 审查结论' }),
    note: Type.String({ minLength: 2, maxLength: 2000, description: 'Why; kept in the finding’s history and the access log / 审查意见' }),
  },
  { additionalProperties: false },
);

export const FindingReviewSchema = Type.Object({
  id: Type.String(),
  findingId: Type.String(),
  fromStatus: FindingStatusSchema,
  toStatus: FindingStatusSchema,
  note: Type.String(),
  reviewedBy: Type.String(),
  reviewedByUsername: NullableString,
  reviewedAt: Instant,
});
export type FindingReview = Static<typeof FindingReviewSchema>;

export const REVIEW_TRIGGERS = ['scheduled', 'on_demand'] as const;
export type ReviewTrigger = (typeof REVIEW_TRIGGERS)[number];

export const ReviewRunSchema = Type.Object({
  id: Type.String(),
  day: Day,
  startedAt: Instant,
  finishedAt: Instant,
  /** New findings; a re-run of a day adds only what was not found before. */
  findingsAdded: Type.Integer(),
  trigger: Type.Enum(REVIEW_TRIGGERS, { description: 'scheduled (daily) | on_demand / 触发方式' }),
  requestedBy: NullableString,
});
export type ReviewRun = Static<typeof ReviewRunSchema>;

export const ReviewRunBodySchema = Type.Object(
  { day: Type.Optional(Day) },
  { additionalProperties: false, description: 'Day to review; yesterday (Asia/Shanghai) when absent / 审查日期，默认昨天' },
);

export const ReviewRunListQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

export const ReviewRuleSchema = Type.Object({
  key: RuleKeySchema,
  params: Type.Record(Type.String(), Type.Unknown()),
  legalBasis: Type.String(),
  version: Type.Integer(),
  updatedAt: Instant,
  updatedBy: NullableString,
});
export type ReviewRule = Static<typeof ReviewRuleSchema>;
