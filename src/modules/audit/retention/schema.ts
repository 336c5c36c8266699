import { Type, type Static } from 'typebox';

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const RetentionSettingSchema = Type.Object({
  id: Type.String(),
  /** How long access-log entries are kept. */
  days: Type.Integer({ description: 'Days access-log entries are kept / 审计日志保存天数' }),
  /** The legal minimum when this setting was made (《网络安全法》Art. 21(3): ≥ six months). */
  legalMinimumDays: Type.Integer({ description: 'Legal minimum at the time / 法定最短保存天数' }),
  reason: NullableString,
  changedBy: NullableString,
  changedAt: Type.String({ description: 'ISO 8601 instant / 修改时间' }),
});
export type RetentionSetting = Static<typeof RetentionSettingSchema>;

export const RetentionReplySchema = Type.Object({
  current: RetentionSettingSchema,
  /** Every setting ever made, newest first (the current one included). */
  history: Type.Array(RetentionSettingSchema),
  /** The legal minimum a change is checked against now. */
  legalMinimumDays: Type.Integer(),
  /** Entries older than the period. Counted only: nothing is purged yet. */
  entriesPastRetention: Type.Object({ cutoff: Type.String(), count: Type.Integer() }),
});

export const RetentionChangeBodySchema = Type.Object(
  {
    days: Type.Integer({ minimum: 1, maximum: 36_500, description: 'New retention in days / 新的保存天数' }),
    reason: Type.Optional(Type.String({ maxLength: 500, description: 'Why; required when shortening / 修改理由（缩短时必填）' })),
  },
  { additionalProperties: false },
);
