import { Type, type Static } from 'typebox';

export const CHALLENGE_KINDS = ['reconsideration', 'litigation'] as const;
export const CHALLENGE_OUTCOMES = ['upheld', 'revoked', 'changed', 'withdrawn'] as const;
export type ChallengeKind = (typeof CHALLENGE_KINDS)[number];
export type ChallengeOutcome = (typeof CHALLENGE_OUTCOMES)[number];

/**
 * What a challenge says about its record on reports and pages: pending (行政复议中 / 行政诉讼中),
 * or the decision it rests on was revoked (原决定已撤销, until the department revokes the record).
 */
export const CHALLENGE_MARKS = ['reconsideration_pending', 'litigation_pending', 'decision_revoked'] as const;
export type ChallengeMark = (typeof CHALLENGE_MARKS)[number];

/** What the source department still has to do after the conclusion (through objections / 纠错). */
export const FOLLOW_UPS = ['revoke_record', 'correct_record'] as const;
export type FollowUp = (typeof FOLLOW_UPS)[number];

const Day = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T, description: string) => Type.Union([schema, Type.Null()], { description });

export const RecordChallengeBodySchema = Type.Object(
  {
    kind: Type.Enum(CHALLENGE_KINDS, { description: 'reconsideration 行政复议 | litigation 行政诉讼' }),
    caseNumber: Type.String({ maxLength: 100, description: 'Case number (复议案号 / 诉讼案号) / 案号' }),
    handledBy: Type.String({ maxLength: 200, description: 'The reconsideration organ or the court / 复议机关或人民法院' }),
    filedOn: Day('Filed or accepted on, YYYY-MM-DD / 申请（立案）日期'),
    note: Type.Optional(Type.String({ maxLength: 2000, description: 'Note / 备注' })),
  },
  { additionalProperties: false },
);
export type RecordChallengeBody = Static<typeof RecordChallengeBodySchema>;

export const ConcludeBodySchema = Type.Object(
  {
    outcome: Type.Enum(CHALLENGE_OUTCOMES, { description: 'upheld 维持 | revoked 撤销 | changed 变更 | withdrawn 撤回/驳回' }),
    concludedOn: Day('Date of the reconsideration decision or judgment, YYYY-MM-DD / 复议决定或裁判日期'),
    note: Type.String({ minLength: 1, maxLength: 2000, description: 'Decision number and gist / 决定书（判决书）文号及要旨' }),
    version: Type.Integer({ minimum: 1, description: 'The version read (concurrency) / 读取时的版本' }),
  },
  { additionalProperties: false },
);
export type ConcludeBody = Static<typeof ConcludeBodySchema>;

export const ChallengeEventSchema = Type.Object({
  action: Type.String({ description: 'record 登记 | conclude 办结' }),
  note: Type.String(),
  at: Type.String(),
  by: Nullable(Type.String(), 'User id / 操作人'),
});

export const ChallengeSchema = Type.Object({
  id: Type.String(),
  recordId: Type.String({ description: 'The credit record challenged / 信用记录标识' }),
  subjectKind: Type.Enum(['person', 'organization']),
  subjectId: Type.String(),
  departmentId: Type.String({ description: 'The record’s source department / 信息提供单位' }),
  departmentName: Type.String(),
  kind: Type.Enum(CHALLENGE_KINDS, { description: 'reconsideration 行政复议 | litigation 行政诉讼' }),
  caseNumber: Type.String(),
  handledBy: Type.String(),
  filedOn: Type.String(),
  note: Type.String(),
  status: Type.Enum(['pending', 'concluded'], { description: 'pending 复议/诉讼中 | concluded 已办结' }),
  disclosureSuspended: Type.Boolean({ description: 'Withdrawn from public disclosure while pending / 期间暂停公示' }),
  outcome: Nullable(Type.Enum(CHALLENGE_OUTCOMES), 'Outcome / 结果'),
  concludedOn: Nullable(Type.String(), 'YYYY-MM-DD'),
  outcomeNote: Nullable(Type.String(), 'Decision number and gist / 决定要旨'),
  withdrawnFromDisclosure: Type.Boolean({ description: 'Revoked: the record left public disclosure (Art. 42) / 已停止公示' }),
  mark: Nullable(Type.Enum(CHALLENGE_MARKS), 'How it marks the record: reconsideration_pending 行政复议中 | litigation_pending 行政诉讼中 | decision_revoked 原决定已撤销 / 记录标注'),
  followUp: Nullable(
    Type.Enum(FOLLOW_UPS),
    'What the source department must still do through objections (纠错): revoke_record 撤销记录 (revoked) | correct_record 更正记录 (changed) / 后续处理',
  ),
  version: Type.Integer(),
  events: Type.Array(ChallengeEventSchema),
});
export type Challenge = Static<typeof ChallengeSchema>;

export const ChallengeListSchema = Type.Object({ items: Type.Array(ChallengeSchema) });
