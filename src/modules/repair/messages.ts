/**
 * Chinese and English messages for the `repair.*` codes, registered in the HTTP message catalog
 * (`src/http/messages.ts`); also the texts of an application's refusal reasons.
 */
export const repairMessages: Record<string, { zh: string; en: string }> = {
  'repair.no_own_person': { zh: '该账号未关联实名认证的本人', en: 'This account is not linked to a verified person' },
  'repair.no_department': { zh: '该账号不属于任何部门', en: 'This account belongs to no department' },
  'repair.record_not_found': { zh: '记录不存在或不是您本人的失信记录', en: 'No such bad record of yours' },
  'repair.application_not_found': { zh: '修复申请不存在', en: 'No such repair application' },
  'repair.file_not_found': { zh: '未找到该证明材料', en: 'No such evidence file' },
  'repair.too_many_attachments': { zh: '最多上传 {max} 份证明材料', en: 'At most {max} evidence files' },
  'repair.attachment_too_large': { zh: '文件“{fileName}”超过 {maxMegabytes} MB', en: 'The file "{fileName}" is larger than {maxMegabytes} MB' },
  'repair.attachment_type': {
    zh: '文件“{fileName}”不是 PDF、JPEG 或 PNG 文件（按文件内容判断），未保存任何内容',
    en: 'The file "{fileName}" is not a PDF, JPEG or PNG file (judged by its content); nothing was stored',
  },
  'repair.attachment_not_base64': { zh: '文件“{fileName}”的内容不是有效的 Base64 编码', en: 'The file "{fileName}" is not valid base64' },
  'repair.already_applied': { zh: '该记录已有修复申请（状态：{status}）', en: 'This record already has a repair application ({status})' },
  'repair.state': { zh: '申请当前状态为“{status}”，不能执行此操作', en: 'The application is "{status}"; this step is not possible now' },
  'repair.changed': { zh: '该申请已被他人处理（当前版本 {version}），请刷新后重试', en: 'The application changed meanwhile (now version {version}); reload and try again' },
  'repair.not_eligible': { zh: '不符合修复条件：{reasons}', en: 'Not eligible for repair: {reasons}' },
  'repair.too_early': { zh: '最短公示期未满，最早可于 {earliestOn} 申请', en: 'The minimum publication period has not passed; apply from {earliestOn}' },
  'repair.missing_obligations_performed': { zh: '尚未纠正失信行为、履行法定义务', en: 'The conduct is not yet corrected and the obligations performed' },
  'repair.missing_commitment_letter': { zh: '尚未作出信用承诺（信用承诺书）', en: 'No credit commitment letter has been made' },
  'repair.missing_credit_training': { zh: '尚未参加信用修复培训', en: 'Credit training not completed' },
  'repair.missing_public_service': { zh: '尚无志愿服务或慈善捐助记录', en: 'No volunteer service or charity donation' },
  'repair.not_repairable': { zh: '法律法规或政策文件规定该信息不可修复', en: 'A law, regulation or central policy says this record cannot be repaired' },
  'repair.repaired_recently': { zh: '一年内已获信用修复', en: 'A repair was granted within the past year' },
  'repair.publication_ended': { zh: '公示期已届满，公示已自动停止，无需修复', en: 'Publication already ended at its maximum period; nothing to repair' },
  'repair.false_material': { zh: '提供虚假材料，不予修复', en: 'False material was provided; repair refused' },
  'repair.conditions_not_met': { zh: '经认定单位核实，不符合修复条件', en: 'The source department found the conditions not met' },
  'repair.refused': { zh: '不予修复', en: 'Repair refused' },
  'repair.granted': { zh: '准予修复', en: 'Repair granted' },
  'repair.minor_ends_at_correction': { zh: '未成年人轻微失信行为已纠正，依规终止', en: "A minor's minor dishonesty ends once corrected" },
};
