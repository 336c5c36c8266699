export { readCsvRows, CsvTokenizer, DEFAULT_MAX_RECORD_CHARS, type CsvReadOptions, type CsvRecord } from './csv.ts';
export { detectCsvEncoding, detectFile, detectFileKind, type CsvEncoding, type FileBytes, type FileDecision, type ZipSummary } from './detect.ts';
export {
  catalogLayout,
  missingColumnsMessage,
  normalizeHeader,
  normalizeRow,
  recognizeLayout,
  LONG_TERM_DATE,
  PENALTY_2016,
  PENALTY_2021,
  PERMIT_2016,
  PERMIT_2021,
  PERMIT_CATEGORIES,
  SHUANG_GONGSHI_LAYOUTS,
  type CatalogLayoutSpec,
  type FieldSpec,
  type FieldType,
  type Layout,
  type LayoutMatch,
  type LayoutRecognition,
  type NormalizedRecord,
  type NormalizedRow,
  type NormalizeOptions,
} from './layouts.ts';
export { parsingMessage, type Bilingual, type ParsingReason } from './messages.ts';
export { FileParseError, type RowIssue, type SheetHeader, type SheetItem, type SheetRow, type SheetRowError } from './sheet.ts';
export { type Representative, type Subject, type SubjectCodeCheck, type SubjectCodeValidator } from './subjects.ts';
export { decimalString, parseAmount, parseDate } from './values.ts';
export { readXlsxRows, DEFAULT_STALL_TIMEOUT_MS, type XlsxReadOptions } from './xlsx.ts';
