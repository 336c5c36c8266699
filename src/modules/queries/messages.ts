/**
 * Chinese and English messages for the `reports.*` codes, registered in the HTTP message catalog
 * (`src/http/messages.ts`). `{name}` is filled from the error's facts.
 */
export const reportsMessages: Record<string, { zh: string; en: string }> = {
  'reports.person_not_found': { zh: '平台中没有该公民身份号码对应的自然人', en: 'No person with this citizen code is known to the platform' },
  'reports.no_own_person': { zh: '您的账号尚未关联本人身份，无法出具本人信用报告', en: 'Your account is not linked to a person, so there is no report of your own' },
  'reports.profession_required': { zh: '职业信用报告须选择重点职业', en: 'A professional report needs a key profession' },
  'reports.profession_not_allowed': { zh: '只有职业信用报告才能选择职业', en: 'Only a professional report takes a profession' },
  'reports.unknown_profession': { zh: '“{profession}”不是重点职业代码', en: '"{profession}" is not a key profession code' },
  'reports.unreadable_file': { zh: '无法读取上传的文件，请上传平台出具的 PDF 或 JSON 信用报告', en: 'The uploaded file cannot be read; upload a PDF or JSON credit report issued by the platform' },
};
