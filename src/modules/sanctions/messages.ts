/**
 * Chinese and English messages for the `sanctions.*` codes, registered in the HTTP message catalog
 * (`src/http/messages.ts`). `{name}` is filled from the error's facts.
 */
export const sanctionsMessages: Record<string, { zh: string; en: string }> = {
  'sanctions.unknown_scenario': { zh: '业务场景“{value}”不存在（可选：{allowed}）', en: 'There is no scenario “{value}” (one of: {allowed})' },
  'sanctions.invalid_code': { zh: '主体代码无效：{detailZh}', en: 'Invalid subject code: {detailEn}' },
  'sanctions.decision_not_found': { zh: '未找到该核查记录', en: 'No such check' },
  'sanctions.measure_not_hit': { zh: '措施 {value} 不在该次核查的命中结果中', en: 'Measure {value} was not among the hits of this check' },
  'sanctions.feedback_exists': { zh: '该次核查已反馈过', en: 'Feedback was already given for this check' },
  'sanctions.memorandum_not_found': { zh: '未找到备忘录 {code}', en: 'No memorandum {code}' },
  'sanctions.measure_not_found': { zh: '未找到措施 {code}', en: 'No measure {code}' },
  'sanctions.code_taken': { zh: '代码 {code} 已被使用', en: 'The code {code} is already in use' },
  'sanctions.version_conflict': {
    zh: '{code} 已被他人修改（当前版本 {currentVersion}，您修改的是版本 {expectedVersion}），请刷新后重试',
    en: '{code} was changed by someone else (now version {currentVersion}, you edited version {expectedVersion}); reload and try again',
  },
  'sanctions.reason_required': { zh: '请说明修改理由（至少 {minLength} 个字）', en: 'Give a reason for the change (at least {minLength} characters)' },
  'sanctions.unknown_memorandum': { zh: '备忘录 {value} 不存在', en: 'There is no memorandum {value}' },
  'sanctions.kind_fit_mismatch': {
    zh: '激励措施的适用程度须为 incentive，惩戒措施须为 basic 或 listed（国办发〔2020〕49号）',
    en: 'A reward measure fits “incentive”; a punishment fits “basic” or “listed” (国办发〔2020〕49号)',
  },
  'sanctions.trigger_kind_mismatch': {
    zh: '激励措施只能由红名单或连续无不良记录触发，惩戒措施不能由其触发',
    en: 'Reward measures are triggered only by the red list or a clean record; punishments never by those',
  },
  'sanctions.trigger_not_listed': {
    zh: '仅适用于严重失信主体的措施只能由严重失信主体名单或严重失信记录触发（《河南省社会信用条例》第三十三条、第三十四条）',
    en: 'A measure for listed subjects can be triggered only by the serious-dishonesty list or serious records (Henan Art. 33–34)',
  },
  'sanctions.unknown_item': { zh: '目录中没有信息项 {value}', en: 'The catalog has no item {value}' },
  'sanctions.item_not_punishable': {
    zh: '信息项 {value} 不能作为失信联合惩戒的依据（目录未标明可作惩戒依据，或为未经依法确认的公共事业欠费，《河南省社会信用条例》第二十七条）',
    en: 'Item {value} cannot be a basis for joint punishment (not marked so in the catalog, or unconfirmed utility arrears, Henan Art. 27)',
  },
  'sanctions.unknown_department': { zh: '{value} 不是已登记部门的统一社会信用代码', en: '{value} is not the code of a registered department' },
  'sanctions.reach_needs_person': { zh: '落实到人的措施须以自然人为实施对象', en: 'A measure that reaches responsible persons must target persons' },
  'sanctions.duplicate_value': { zh: '{value} 重复', en: '{value} is listed twice' },
  'sanctions.task_not_found': { zh: '未找到该任务', en: 'No such task' },
  'sanctions.task_state': { zh: '任务当前状态为“{status}”，不能{action}', en: 'The task is “{status}” and cannot be {action}' },
  'sanctions.task_changed': { zh: '任务刚被他人处理，请刷新后重试', en: 'Someone else just worked on this task; reload and try again' },
  'sanctions.measure_not_in_task': { zh: '措施 {value} 不属于该任务', en: 'Measure {value} is not one of this task’s measures' },
};
