/**
 * Chinese and English messages for the `objections.*` codes, registered in the HTTP message
 * catalog (`src/http/messages.ts`). `{name}` is filled from the error's facts.
 */
export const objectionsMessages: Record<string, { zh: string; en: string }> = {
  'objections.no_own_person': { zh: '您的账号尚未关联本人身份，不能提出异议', en: 'Your account is not linked to a person, so it cannot object' },
  'objections.target_not_found': { zh: '未找到可提出异议的信用记录或名单条目', en: 'No such credit record or list entry to object to' },
  'objections.already_pending': { zh: '该信息已有异议正在处理中（{objectionId}）', en: 'An objection on this item is already pending ({objectionId})' },
  'objections.reasons_too_short': { zh: '请写明异议理由（至少 {minLength} 个字）', en: 'State the reasons (at least {minLength} characters)' },
  'objections.not_found': { zh: '未找到该异议', en: 'No such objection' },
  'objections.already_decided': { zh: '该异议已于 {decidedOn} 作出处理结论', en: 'This objection was already decided on {decidedOn}' },
  'objections.changed': { zh: '该异议已被他人处理（当前版本 {version}），请刷新后重试', en: 'The objection changed meanwhile (now version {version}); reload and try again' },
  'objections.correction_needs_record': { zh: '只有信用记录可以更正为新版本；名单条目请选择维持或撤销', en: 'Only a credit record can be corrected into a new version; for a list entry, uphold or revoke' },
  'objections.too_many_attachments': { zh: '最多上传 {max} 份证明材料', en: 'At most {max} evidence files' },
  'objections.attachment_too_large': { zh: '文件“{fileName}”超过 {maxMegabytes} MB', en: 'The file "{fileName}" is larger than {maxMegabytes} MB' },
  'objections.attachment_type': {
    zh: '文件“{fileName}”不是 PDF、JPEG 或 PNG 文件（按文件内容判断），未保存任何内容',
    en: 'The file "{fileName}" is not a PDF, JPEG or PNG file (judged by its content); nothing was stored',
  },
  'objections.attachment_not_base64': { zh: '文件“{fileName}”的内容不是有效的 Base64 编码', en: 'The file "{fileName}" is not valid base64' },
  'objections.power_of_attorney_required': { zh: '代理他人提出异议须上传委托人签名的授权委托书', en: 'Filing as an agent needs the power of attorney signed by the principal' },
  'objections.principal_required': { zh: '上传授权委托书时须填写委托人的公民身份号码和姓名', en: 'With a power of attorney, give the principal’s citizen code and name' },
  'objections.file_not_found': { zh: '未找到该材料', en: 'No such file' },
  'objections.changes_required': { zh: '更正须列出要更正的字段及其正确值', en: 'A correction must list the fields to correct and their right values' },
};
