import { parsingMessage, type Bilingual, type ParsingReason } from './parsing/index.ts';

/**
 * Chinese and English messages for the `records.*` codes, registered in the HTTP message catalog
 * (`src/http/messages.ts`) and used for the row-level error report. `{name}` is filled from the
 * error's facts. File-level parsing codes (`records.file_<reason>`) take their text from
 * `parsing/messages.ts`.
 */
const OWN: Record<string, Bilingual> = {
  // Submission and job level
  'records.no_department': {
    zh: '该账号不属于任何部门，不能报送记录；请管理员为其指定部门',
    en: 'This account belongs to no department and cannot submit records; ask an administrator to assign one',
  },
  'records.not_a_member': {
    zh: '{departmentName}是行业协会，只能报送本会会员的信用信息；该主体不是其当前会员',
    en: '{departmentName} is an industry association and records only its current members; this subject is not one',
  },
  'records.not_a_source': {
    zh: '{departmentName}不是信息项 {itemCode} 的数据来源单位',
    en: '{departmentName} is not a source department of item {itemCode}',
  },
  'records.item_not_accepting': { zh: '信息项 {itemCode} 当前不接收记录（{reasons}）', en: 'Item {itemCode} accepts no records now ({reasons})' },
  'records.job_not_found': { zh: '未找到该归集作业', en: 'No such import job' },
  'records.record_not_found': { zh: '未找到该信用记录', en: 'No such credit record' },
  'records.record_changed': { zh: '该记录已有新版本（当前版本 {version}），请刷新后重试', en: 'The record changed meanwhile (now version {version}); reload and try again' },
  'records.no_own_person': { zh: '您的账号尚未关联本人身份，没有本人的信用记录', en: 'Your account is not linked to a person, so there are no records of your own' },
  'records.item_required': {
    zh: '无法从表头推断信息项：文件不是双公示行政处罚或行政许可格式，请用 --item（或 item 参数）指定信息项',
    en: 'The catalog item cannot be inferred from the header: the file is not a 双公示 penalty or permit layout; name the item with --item (or the item parameter)',
  },
  'records.layout_mismatch': {
    zh: '文件格式（{layout}）与所选信息项 {itemCode} 不符',
    en: 'The file layout ({layout}) does not fit the selected item {itemCode}',
  },
  'records.file_unrecognized_header': { zh: '{zh}', en: '{en}' },
  'records.file_missing_columns': { zh: '{zh}', en: '{en}' },
  'records.upload_too_large': {
    zh: '上传文件超过大小上限（{limit} 字节），已丢弃；请拆分文件后分批上传',
    en: 'The upload exceeds the size limit ({limit} bytes) and was discarded; split the file and upload the parts',
  },
  'records.upload_unsupported_type': {
    zh: '不支持的上传类型 {contentType}，请以 text/csv、application/octet-stream 或 XLSX 类型上传',
    en: 'Unsupported upload type {contentType}; send text/csv, application/octet-stream or the XLSX type',
  },
  'records.upload_empty': { zh: '上传的文件为空', en: 'The uploaded file is empty' },
  'records.job_not_resumable': {
    zh: '作业 {jobId} 不能续传（状态：{status}，方式：{source}）',
    en: 'Job {jobId} cannot be resumed (status {status}, source {source})',
  },
  'records.job_taken': { zh: '作业 {jobId} 已由其他进程接手处理', en: 'Job {jobId} was taken over by another process' },
  'records.file_gone': { zh: '作业 {jobId} 的文件已不存在，无法处理', en: 'The file of job {jobId} no longer exists' },
  // Row level
  'records.too_long': { zh: '“{column}”超过 {maxLength} 个字符', en: '"{column}" is longer than {maxLength} characters' },
  'records.invalid_integer': { zh: '“{value}”不是整数', en: '"{value}" is not a whole number' },
  'records.invalid_code': { zh: '代码“{value}”无效：{detailZh}', en: 'The code "{value}" is not valid: {detailEn}' },
  'records.subject_too_young': {
    zh: '信息项 {itemCode} 只记录年满 {minAge} 周岁的主体（决定日期时未满）',
    en: 'Item {itemCode} records only subjects aged {minAge} or over (younger on the decision date)',
  },
  'records.invalid_severity': { zh: '“{value}”不是有效的失信严重程度（轻微、一般、严重）', en: '"{value}" is not a valid severity (轻微 minor, 一般 ordinary, 严重 serious)' },
  'records.responsible_mismatch': {
    zh: '“{column}”的姓名与证件号码个数不一致',
    en: 'The names and identity numbers in "{column}" do not pair up',
  },
  'records.unknown_field': { zh: '字段“{column}”不属于信息项 {itemCode}', en: 'The field "{column}" is not a field of item {itemCode}' },
  'records.invalid_value_type': { zh: '“{column}”的值应为文本、数字或日期，不能是对象或数组', en: 'The value of "{column}" must be text, a number or a date, not an object or array' },
};

/** File-level parsing reasons: they become `records.file_<reason>` errors. */
const FILE_REASONS: readonly ParsingReason[] = [
  'empty',
  'legacy_xls',
  'utf16',
  'binary',
  'not_xlsx',
  'zip_truncated',
  'xlsx_corrupt',
  'unknown_encoding',
  'encoding',
  'no_header',
  'header_empty',
  'header_duplicate',
  'not_comma_separated',
  'csv_malformed',
  'record_too_large',
  'sheet_not_found',
  'no_sheet',
];

/** Row and cell reasons of the parsing layer: they become `records.<reason>` in the error report. */
const ROW_REASONS: readonly ParsingReason[] = [
  'ragged_row',
  'stray_quote',
  'cell_without_header',
  'formula',
  'formula_without_result',
  'cell_error',
  'number_precision',
  'required',
  'required_when',
  'invalid_date',
  'date_in_future',
  'date_order',
  'invalid_amount',
  'invalid_enum',
  'invalid_subject_category',
  'unsupported_id_type',
  'missing_subject_code',
  'invalid_subject_code',
  'subject_kind_mismatch',
  'placeholder_code',
];

export const recordsMessages: Record<string, Bilingual> = { ...OWN };
for (const reason of FILE_REASONS) recordsMessages[`records.file_${reason}`] = parsingMessage(reason);
for (const reason of ROW_REASONS) recordsMessages[`records.${reason}`] = parsingMessage(reason);

/** Fills a `records.*` message with facts; a missing fact stays visible as `{name}`. */
export function recordsMessage(code: string, facts: Readonly<Record<string, string | number>> = {}): Bilingual {
  const template = recordsMessages[code] ?? { zh: code, en: code };
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (whole, name: string) => (facts[name] === undefined ? whole : String(facts[name])));
  return { zh: fill(template.zh), en: fill(template.en) };
}
