/**
 * Chinese and English messages for the `lists.*` codes, registered in the HTTP message catalog
 * (`src/http/messages.ts`). `{name}` is filled from the error's facts.
 */
export const listsMessages: Record<string, { zh: string; en: string }> = {
  'lists.invalid_code': { zh: '主体代码无效：{detailZh}', en: 'The subject code is not valid: {detailEn}' },
  'lists.no_department': { zh: '该账号不属于任何部门，不能提出或认定名单', en: 'This account belongs to no department and cannot propose or decide list entries' },
  'lists.record_not_subjects': { zh: '记录 {recordId} 不是该主体的信用记录', en: 'Record {recordId} is not a credit record of this subject' },
  'lists.not_a_basis': { zh: '记录 {recordId} 的信息项 {itemCode} 不能作为名单依据', en: 'Record {recordId} (item {itemCode}) cannot be a basis for a list' },
  'lists.utility_arrears_not_a_basis': {
    zh: '“{itemName}”是未经依法确认的公共事业或物业欠费信息，不得作为列入名单和失信联合惩戒的依据（《河南省社会信用条例》第二十七条）',
    en: '"{itemName}" is unconfirmed utility or property-fee arrears, which may never be a basis for listing or joint punishment (Henan Social Credit Regulations Art. 27)',
  },
  'lists.not_a_red_basis': {
    zh: '“{itemName}”不是红名单认定来源（道德模范、劳动模范、诚信之星、青年五四奖章、青年岗位能手、好网民、行业协会推荐的诚信会员）',
    en: '"{itemName}" is not a red-list source (moral models, model workers, stars of integrity, May Fourth medals, young job experts, good netizens, association-recommended members)',
  },
  'lists.not_bad': { zh: '“{itemName}”不是失信信息，不能作为依据', en: '"{itemName}" is not a record of dishonesty and cannot be the basis' },
  'lists.not_serious': {
    zh: '记录 {recordId}（{itemName}）不是严重失信行为，不能列入严重失信主体名单（国办发〔2020〕49号：审慎适度）',
    en: 'Record {recordId} ({itemName}) is not serious dishonesty and cannot put a subject on the serious-dishonesty list (State Council Office 2020 No. 49: proportionality)',
  },
  'lists.not_a_punishment_basis': {
    zh: '“{itemName}”不在失信联合惩戒依据清单中（国办发〔2020〕49号：清单管理）',
    en: '"{itemName}" is not on the list of bases for joint punishment (State Council Office 2020 No. 49: list management)',
  },
  'lists.records_required': { zh: '列入严重失信主体名单须引用该主体的严重失信记录', en: 'A serious-dishonesty entry must cite the subject’s serious records' },
  'lists.measures_required': { zh: '须写明拟采取的惩戒措施（事前告知书内容，《河南省社会信用条例》第二十八条）', en: 'State the measures to be applied (part of the prior notice, Henan Art. 28)' },
  'lists.category_required': { zh: '请选择类别', en: 'Choose a category' },
  'lists.category_invalid': { zh: '类别“{category}”不适用于该名单', en: 'The category "{category}" does not fit this list' },
  'lists.source_required': { zh: '新闻媒体或征信机构发掘的诚信典型须写明案例来源', en: 'A case found by the media or a credit agency needs its source' },
  'lists.validity_out_of_bounds': { zh: '有效期应在 {min} 至 {max} 个月之间', en: 'The validity must be between {min} and {max} months' },
  'lists.entry_exists': { zh: '该主体已有同类名单条目（状态：{status}）', en: 'The subject already has an entry of this kind (status {status})' },
  'lists.entry_not_found': { zh: '未找到该名单条目', en: 'No such list entry' },
  'lists.version_conflict': { zh: '该名单条目刚被他人修改，请刷新后重试', en: 'Someone else just changed this entry; reload and try again' },
  'lists.not_pending': { zh: '该名单条目不在待认定状态（当前：{status}）', en: 'The entry is not awaiting a decision (status {status})' },
  'lists.announcement_running': { zh: '公示期至 {until}，公示期满后方可认定', en: 'The announcement runs until {until}; decide after it ends' },
  'lists.defence_period_running': { zh: '陈述申辩期至 {until}，期满后方可认定', en: 'The defence period runs until {until}; decide after it ends' },
  'lists.not_listed': { zh: '该名单条目不在名单中（当前：{status}）', en: 'The entry is not listed (status {status})' },
  'lists.not_in_defence': { zh: '该名单条目不在陈述申辩阶段（当前：{status}）', en: 'The entry is not in its defence period (status {status})' },
  'lists.defence_period_over': { zh: '陈述申辩期已于 {until} 届满', en: 'The defence period ended on {until}' },
};
