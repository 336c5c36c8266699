/** A message in both languages the platform speaks. */
export interface Bilingual {
  zh: string;
  en: string;
}

/**
 * Why a file, a row or a cell was refused or flagged. File-level reasons become the error code
 * `records.file_<reason>`; row and cell reasons travel in `RowIssue.reason` and the error report.
 */
export type ParsingReason = keyof typeof TEMPLATES;

/** `{name}` is replaced by the fact of that name. Chinese first: the operators read Chinese. */
const TEMPLATES = {
  // File level: detection
  empty: { zh: '文件为空', en: 'The file is empty' },
  legacy_xls: {
    zh: '这是旧版 Excel 97-2003（.xls）文件或设置了密码的工作簿，不受支持；请去掉密码并在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后重新上传',
    en: 'This is a legacy Excel 97-2003 (.xls) file or a password-protected workbook; remove any password and save as .xlsx or CSV, then upload again',
  },
  utf16: {
    zh: '不支持 UTF-16 编码的文本（Excel 的“Unicode 文本”），请另存为“CSV UTF-8（逗号分隔）”或 .xlsx',
    en: 'UTF-16 text (Excel "Unicode Text") is not accepted; save as "CSV UTF-8 (Comma delimited)" or .xlsx',
  },
  binary: {
    zh: '文件不是 CSV 或 XLSX：{detail}',
    en: 'The file is neither CSV nor XLSX: {detail}',
  },
  not_xlsx: {
    zh: '该 ZIP 文件不是 Excel 工作簿（.xlsx）：{detail}',
    en: 'This ZIP file is not an Excel workbook (.xlsx): {detail}',
  },
  zip_truncated: {
    zh: 'XLSX 文件不完整（上传可能中断或文件已损坏），请重新导出后上传',
    en: 'The XLSX file is incomplete (the upload may have been cut off or the file is damaged); export it again',
  },
  xlsx_corrupt: {
    zh: 'XLSX 文件已损坏，无法读取：{detail}',
    en: 'The XLSX file is damaged and cannot be read: {detail}',
  },
  unknown_encoding: {
    zh: '无法识别文件编码（既不是 UTF-8 也不是 GB18030/GBK），请另存为“CSV UTF-8（逗号分隔）”',
    en: 'The text encoding is neither UTF-8 nor GB18030/GBK; save as "CSV UTF-8 (Comma delimited)"',
  },
  encoding: {
    zh: '第 {line} 行含有不是 {encoding} 编码的字节，文件可能混用了多种编码，请统一另存为 UTF-8 或 GB18030',
    en: 'Line {line} has bytes that are not valid {encoding}; the file may mix encodings, save it all as UTF-8 or GB18030',
  },
  // File level: structure
  no_header: { zh: '文件没有表头行', en: 'The file has no header row' },
  header_empty: {
    zh: '表头第 {columnNumber} 列为空，每一列都需要列名',
    en: 'Header column {columnNumber} is empty; every column needs a name',
  },
  header_duplicate: {
    zh: '表头“{header}”重复出现在第 {first} 列和第 {second} 列',
    en: 'The header "{header}" appears twice, in columns {first} and {second}',
  },
  not_comma_separated: {
    zh: '表头只有一列且含有{separator}，文件可能不是逗号分隔的 CSV',
    en: 'The header has a single column containing {separatorEn}; the file may not be comma-separated',
  },
  csv_malformed: {
    zh: '第 {line} 行附近 CSV 格式错误：{detail}',
    en: 'The CSV is malformed near line {line}: {detail}',
  },
  record_too_large: {
    zh: '第 {line} 行开始的记录超过 {limit} 字节，可能有引号没有闭合',
    en: 'The record starting at line {line} is longer than {limit} bytes; a quote may not be closed',
  },
  sheet_not_found: {
    zh: '工作簿中没有名为“{sheet}”的工作表（现有：{available}）',
    en: 'The workbook has no sheet named "{sheet}" (it has: {available})',
  },
  no_sheet: { zh: '工作簿中没有工作表', en: 'The workbook has no worksheet' },
  // Row and cell level: reading
  ragged_row: {
    zh: '该行有 {got} 个字段，而表头有 {expected} 列',
    en: 'This row has {got} fields but the header has {expected} columns',
  },
  stray_quote: {
    zh: '该行引号用法有误（右引号后紧跟其他字符），无法确定各字段内容',
    en: 'This row misuses quotes (text follows a closing quote), so its fields cannot be read reliably',
  },
  cell_without_header: {
    zh: '第 {columnNumber} 列没有列名，但该行在此列有内容“{value}”',
    en: 'Column {columnNumber} has no header but this row has a value there ("{value}")',
  },
  formula: {
    zh: '单元格含有公式 {formula}，已采用其计算结果“{value}”，请核对',
    en: 'The cell holds the formula {formula}; its computed value "{value}" was used, please check it',
  },
  formula_without_result: {
    zh: '单元格含有公式 {formula}，但文件中没有保存计算结果，请在 Excel 中打开并保存后重新上传',
    en: 'The cell holds the formula {formula} but the file has no computed value; open and save it in Excel, then upload again',
  },
  cell_error: {
    zh: '单元格是错误值 {value}',
    en: 'The cell holds the error value {value}',
  },
  number_precision: {
    zh: '数字 {value} 超过 15 位有效数字，Excel 已丢失末尾几位；证件号码、代码等列请设为“文本”格式',
    en: 'The number {value} has more than 15 significant digits and Excel has lost the last ones; format code columns as Text',
  },
  // Row and cell level: the 双公示 and catalog layouts
  required: { zh: '“{column}”不能为空', en: '"{column}" is required' },
  required_when: {
    zh: '处罚类别含“{category}”时，“{column}”不能为空',
    en: '"{column}" is required when the penalty category includes "{category}"',
  },
  invalid_date: {
    zh: '“{value}”不是有效日期（可用 2024-03-05、2024/3/5、20240305 或 Excel 日期）',
    en: '"{value}" is not a valid date (use 2024-03-05, 2024/3/5, 20240305 or an Excel date)',
  },
  date_in_future: {
    zh: '日期 {value} 晚于今天（{today}）',
    en: 'The date {value} is after today ({today})',
  },
  date_order: {
    zh: '结束日期 {until} 早于开始日期 {from}',
    en: 'The end date {until} is before the start date {from}',
  },
  invalid_amount: {
    zh: '“{value}”不是有效金额（以万元为单位的非负数，最多 6 位小数）',
    en: '"{value}" is not a valid amount (a non-negative number of 万元, at most 6 decimals)',
  },
  invalid_enum: {
    zh: '“{value}”不是允许的取值（{allowed}）',
    en: '"{value}" is not one of the allowed values ({allowed})',
  },
  invalid_subject_category: {
    zh: '行政相对人类别“{value}”无效（法人及非法人组织、自然人、个体工商户）',
    en: 'The subject category "{value}" is not valid (法人及非法人组织, 自然人, 个体工商户)',
  },
  unsupported_id_type: {
    zh: '证件类型“{value}”暂不支持，自然人须以居民身份证号码识别（《河南省社会信用条例》第十六条）',
    en: 'Certificate type "{value}" is not supported; persons are identified by resident identity card number (Henan regulations Art. 16)',
  },
  missing_subject_code: {
    zh: '缺少{kindZh}的身份代码（{column}）',
    en: 'The {kindEn} has no identity code ({column})',
  },
  invalid_subject_code: {
    zh: '代码“{value}”无效：{detailZh}',
    en: 'The code "{value}" is not valid: {detailEn}',
  },
  subject_kind_mismatch: {
    zh: '行政相对人类别为“{category}”，但代码“{value}”是{actualZh}的代码',
    en: 'The subject category is "{category}" but "{value}" is the code of {actualEn}',
  },
  placeholder_code: {
    zh: '“{value}”是占位代码而不是真实的统一社会信用代码，无法识别该组织',
    en: '"{value}" is a placeholder, not a real unified social credit code, so the organization cannot be identified',
  },
} satisfies Record<string, Bilingual>;

/** Fills a message template with facts; a missing fact is left visible as `{name}`. */
export function parsingMessage(reason: ParsingReason, facts: Readonly<Record<string, string | number>> = {}): Bilingual {
  const template: Bilingual = TEMPLATES[reason];
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = facts[name];
    return value === undefined ? whole : String(value);
  });
  return { zh: fill(template.zh), en: fill(template.en) };
}
