/**
 * Chinese and English messages for the `challenges.*` codes, registered in the HTTP message
 * catalog (`src/http/messages.ts`). `{name}` is filled from the error's facts.
 */
export const challengesMessages: Record<string, { zh: string; en: string }> = {
  'challenges.record_not_found': { zh: '未找到该信用记录', en: 'No such credit record' },
  'challenges.not_found': { zh: '未找到该行政复议或行政诉讼', en: 'No such reconsideration or litigation' },
  'challenges.no_own_person': { zh: '您的账号尚未关联本人身份', en: 'Your account is not linked to a person' },
  'challenges.case_number_required': { zh: '请填写案号', en: 'Enter the case number' },
  'challenges.handled_by_required': { zh: '请填写复议机关或人民法院', en: 'Enter the reconsideration organ or the court' },
  'challenges.note_required': { zh: '请填写决定书（判决书）文号及要旨', en: 'Enter the decision’s number and gist' },
  'challenges.date_invalid': { zh: '日期无效（应为 YYYY-MM-DD）：{value}', en: 'Not a valid date (YYYY-MM-DD): {value}' },
  'challenges.date_in_future': { zh: '日期 {value} 晚于今天（{today}）', en: 'The date {value} is after today ({today})' },
  'challenges.filed_before_decision': { zh: '申请日期 {filedOn} 早于原决定日期 {decisionDate}', en: 'Filed on {filedOn}, before the decision of {decisionDate}' },
  'challenges.concluded_before_filed': { zh: '办结日期 {concludedOn} 早于申请日期 {filedOn}', en: 'Concluded on {concludedOn}, before it was filed on {filedOn}' },
  'challenges.already_pending': { zh: '该记录已有行政复议或行政诉讼正在进行（{caseNumber}）', en: 'A reconsideration or litigation on this record is already pending ({caseNumber})' },
  'challenges.already_concluded': { zh: '该行政复议或行政诉讼已于 {concludedOn} 办结', en: 'This reconsideration or litigation was already concluded on {concludedOn}' },
  'challenges.changed': { zh: '该记录已被他人更新（当前版本 {version}），请刷新后重试', en: 'It changed meanwhile (now version {version}); reload and try again' },
};
