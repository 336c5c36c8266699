/**
 * Chinese and English messages for the `disclosure.*` codes, registered in the HTTP message
 * catalog (`src/http/messages.ts`). `{name}` is filled from the error's facts.
 */
export const disclosureMessages: Record<string, { zh: string; en: string }> = {
  'disclosure.query_too_short': { zh: '请输入完整的公民身份号码、统一社会信用代码，或至少 {minLength} 个字的名称', en: 'Enter a full citizen code or unified social credit code, or a name of at least {minLength} characters' },
  'disclosure.invalid_code': { zh: '请输入完整、有效的号码：{detailZh}', en: 'Enter a full, valid code: {detailEn}' },
  'disclosure.suspension_not_found': { zh: '暂停公示记录不存在', en: 'No such suspension of disclosure' },
  'disclosure.suspension_lifted': { zh: '该暂停公示已于 {liftedOn} 解除', en: 'This suspension was already lifted on {liftedOn}' },
  'disclosure.invalid_period': { zh: '暂停公示的截止日不能早于开始日', en: 'A suspension cannot end before it starts' },
  'disclosure.case_not_found': { zh: '典型案例不存在', en: 'No such typical case' },
  'disclosure.case_changed': { zh: '该案例已被他人修改（当前版本 {version}），请刷新后重试', en: 'The case changed meanwhile (now version {version}); reload and try again' },
  'disclosure.case_state': { zh: '案例当前状态为“{status}”，不能执行此操作', en: 'The case is "{status}"; this step is not possible now' },
  'disclosure.reason_required': { zh: '请填写修改原因（至少 {minLength} 个字）', en: 'Give the reason for the change (at least {minLength} characters)' },
  'disclosure.unknown_key_domain': { zh: '“{keyDomain}”不是政策规定的重点领域', en: '"{keyDomain}" is not one of the policy’s key domains' },
  'disclosure.own_case_review': { zh: '提交复核的人不能复核自己的案例，请由另一位复核人处理', en: 'You submitted this case for review; another reviewer must decide it' },
  'disclosure.no_department': { zh: '请选择受理部门，或选择被举报行为对应的信息类别', en: 'Choose the responsible department, or the kind of information the tip concerns' },
  'disclosure.unknown_department': { zh: '受理部门不存在', en: 'No such department' },
  'disclosure.item_without_department': {
    zh: '信息项“{itemName}”没有唯一的来源单位，请直接选择受理部门',
    en: 'The item "{itemName}" has no single source department; choose the department directly',
  },
  'disclosure.too_many_attachments': { zh: '最多上传 {max} 个附件', en: 'At most {max} attachments' },
  'disclosure.attachment_too_large': { zh: '附件“{fileName}”超过 {maxMegabytes} MB', en: 'The attachment "{fileName}" is larger than {maxMegabytes} MB' },
  'disclosure.attachment_type': {
    zh: '附件“{fileName}”不是 PDF、JPEG 或 PNG 文件（按文件内容判断），未保存任何内容',
    en: 'The attachment "{fileName}" is not a PDF, JPEG or PNG file (judged by its content); nothing was stored',
  },
  'disclosure.attachment_not_base64': { zh: '附件“{fileName}”的内容不是有效的 Base64 编码', en: 'The attachment "{fileName}" is not valid base64' },
  'disclosure.tip_not_found': { zh: '受理编号或查询码不正确', en: 'The tracking number or the lookup code is wrong' },
  'disclosure.tip_changed': { zh: '该举报已被他人处理（当前版本 {version}），请刷新后重试', en: 'The tip changed meanwhile (now version {version}); reload and try again' },
  'disclosure.tip_answered': { zh: '该举报已答复', en: 'This tip has already been answered' },
  'disclosure.no_tip_department': { zh: '该账号不属于任何部门，不能处理举报', en: 'This account belongs to no department and cannot handle tips' },
};
