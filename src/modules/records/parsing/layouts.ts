import type { Bilingual } from './messages.ts';
import { rowIssue, type RowIssue } from './sheet.ts';
import { resolveSubject, type SubjectCodeValidator, type Representative, type Subject } from './subjects.ts';
import { asciiOr, parseAmount, parseDate } from './values.ts';

/**
 * The 双公示 (administrative penalty and permit) file layouts and the catalog item's own layout:
 * which columns a file has, and how one row becomes a record keyed by field codes.
 *
 * Sources: STANDARDS.md "双公示 file layouts" (the newer, about-2021 national standard) and the
 * 2016 standard it replaced (行政相对人代码_1…_5, 处罚类别1/2, 处罚名称, 处罚事由, 处罚结果, 当前状态,
 * 地方编码, 数据更新时间戳). Rows of both are normalised to the newer field codes; columns that only
 * the 2016 standard has keep their own codes (cf_cfmc, cf_zt, xk_xmmc, dfbm, sjc).
 */

export type FieldType = 'text' | 'date' | 'amount' | 'enum';

export interface FieldSpec {
  /** Field code, lower-case (cf_xdr_mc). */
  code: string;
  /** Column name in the standard's template. */
  label: string;
  /** Other spellings departments use for the same column; the code itself always matches too. */
  aliases?: readonly string[];
  /** The column must exist and the cell must not be empty. */
  required?: boolean;
  type?: FieldType;
  values?: readonly string[];
}

export type LayoutKind = 'penalty' | 'permit' | 'catalog';

/** Which fields play which part in a record. */
export interface LayoutRoles {
  subjectName: string;
  sourceRecordId: string;
  decisionDate?: string;
  /** 双公示: the column that says 自然人 / 法人及非法人组织 / 个体工商户. */
  subjectCategory?: string;
  organizationCode?: string;
  personIdType?: string;
  personCode?: string;
  representativeName?: string;
  representativeIdType?: string;
  representativeCode?: string;
  validFrom?: string;
  validUntil?: string;
}

export interface Layout {
  /** penalty-2021, penalty-2016, permit-2021, permit-2016, or catalog:<item code>. */
  id: string;
  kind: LayoutKind;
  title: Bilingual;
  fields: readonly FieldSpec[];
  roles: LayoutRoles;
  /** At least one column of each group must be present (a file with no subject-code column is useless). */
  requiredOneOf?: ReadonlyArray<readonly string[]>;
  /** Catalog layouts: every subject is of this kind. 双公示: decided per row from the category. */
  subjectKind?: 'person' | 'organization';
}

/** Catalog item layouts come from the catalog module; this is all parsing needs of one. */
export interface CatalogLayoutSpec {
  itemCode: string;
  itemName: string;
  subjectKind: 'person' | 'organization';
  fields: readonly FieldSpec[];
  roles: { subjectName: string; subjectCode: string; sourceRecordId: string; decisionDate?: string };
}

// ---------------------------------------------------------------------------------------------
// The four 双公示 layouts

/** The standard's enumeration of 许可类别 (STANDARDS.md). */
export const PERMIT_CATEGORIES = ['普通', '特许', '认可', '核准', '登记', '其他'] as const;

const subjectCodeFields = (p: 'cf' | 'xk'): FieldSpec[] => [
  { code: `${p}_xdr_shxym`, label: '行政相对人代码_1（统一社会信用代码）', aliases: ['行政相对人代码_1', '统一社会信用代码', '行政相对人代码-统一社会信用代码'] },
  { code: `${p}_xdr_gszc`, label: '行政相对人代码_2（工商注册号）', aliases: ['行政相对人代码_2', '工商注册号', '行政相对人代码-工商注册号'] },
  { code: `${p}_xdr_zzjg`, label: '行政相对人代码_3（组织机构代码）', aliases: ['行政相对人代码_3', '组织机构代码', '行政相对人代码-组织机构代码'] },
  { code: `${p}_xdr_swdj`, label: '行政相对人代码_4（税务登记号）', aliases: ['行政相对人代码_4', '税务登记号', '行政相对人代码-税务登记号'] },
  { code: `${p}_xdr_sydw`, label: '行政相对人代码_5（事业单位证书号）', aliases: ['行政相对人代码_5', '事业单位证书号', '行政相对人代码-事业单位证书号'] },
  { code: `${p}_xdr_shzz`, label: '行政相对人代码_6（社会组织登记证号）', aliases: ['行政相对人代码_6', '社会组织登记证号', '行政相对人代码-社会组织登记证号'] },
];

const legacySubjectCodeFields = (p: 'cf' | 'xk'): FieldSpec[] => {
  const upper = p.toUpperCase();
  return [
    { code: `${p}_xdr_shxym`, label: '行政相对人代码_1（统一社会信用代码）', aliases: ['行政相对人代码_1', '统一社会信用代码', `${upper}_XDR_SHXYM`] },
    { code: `${p}_xdr_zzjg`, label: '行政相对人代码_2（组织机构代码）', aliases: ['行政相对人代码_2', '组织机构代码', `${upper}_XDR_ZDM`] },
    { code: `${p}_xdr_gszc`, label: '行政相对人代码_3（工商登记码）', aliases: ['行政相对人代码_3', '工商登记码', '工商注册号', `${upper}_XDR_GSDJ`] },
    { code: `${p}_xdr_swdj`, label: '行政相对人代码_4（税务登记号）', aliases: ['行政相对人代码_4', '税务登记号', `${upper}_XDR_SWDJ`] },
    { code: `${p}_xdr_zjhm`, label: '行政相对人代码_5（居民身份证号）', aliases: ['行政相对人代码_5', '居民身份证号', '身份证号', `${upper}_XDR_SFZ`] },
  ];
};

export const PENALTY_2021: Layout = {
  id: 'penalty-2021',
  kind: 'penalty',
  title: { zh: '行政处罚（2021 年版标准）', en: 'Administrative penalty (2021 standard)' },
  fields: [
    { code: 'cf_xdr_mc', label: '行政相对人名称', required: true },
    { code: 'cf_xdr_lb', label: '行政相对人类别', required: true },
    ...subjectCodeFields('cf'),
    { code: 'cf_frdb', label: '法定代表人' },
    { code: 'cf_fr_zjlx', label: '法定代表人证件类型' },
    { code: 'cf_fr_sfzh', label: '法定代表人证件号码', aliases: ['法定代表人身份证号'] },
    { code: 'cf_xdr_zjlx', label: '证件类型' },
    { code: 'cf_xdr_zjhm', label: '证件号码' },
    { code: 'cf_wsh', label: '行政处罚决定书文号', required: true },
    { code: 'cf_wfxw', label: '违法行为类型', required: true },
    { code: 'cf_sy', label: '违法事实', required: true },
    { code: 'cf_yj', label: '处罚依据', required: true },
    { code: 'cf_cflb', label: '处罚类别', required: true },
    { code: 'cf_nr', label: '处罚内容', required: true },
    { code: 'cf_nr_fk', label: '罚款金额（万元）', aliases: ['罚款金额'], type: 'amount' },
    { code: 'cf_nr_wfff', label: '没收违法所得、没收非法财物的金额（万元）', aliases: ['没收违法所得、没收非法财物的金额'], type: 'amount' },
    { code: 'cf_nr_zkdx', label: '暂扣或吊销证照名称及编号' },
    { code: 'cf_jdrq', label: '处罚决定日期', required: true, type: 'date' },
    { code: 'cf_yxq', label: '处罚有效期', required: true, type: 'date' },
    { code: 'cf_gsjzq', label: '公示截止期', type: 'date' },
    { code: 'cf_cfjg', label: '处罚机关', required: true },
    { code: 'cf_cfjgdm', label: '处罚机关统一社会信用代码', required: true },
    { code: 'cf_sjly', label: '数据来源单位', required: true },
    { code: 'cf_sjlydm', label: '数据来源单位统一社会信用代码', required: true },
    { code: 'bz', label: '备注' },
  ],
  roles: {
    subjectName: 'cf_xdr_mc',
    sourceRecordId: 'cf_wsh',
    decisionDate: 'cf_jdrq',
    subjectCategory: 'cf_xdr_lb',
    organizationCode: 'cf_xdr_shxym',
    personIdType: 'cf_xdr_zjlx',
    personCode: 'cf_xdr_zjhm',
    representativeName: 'cf_frdb',
    representativeIdType: 'cf_fr_zjlx',
    representativeCode: 'cf_fr_sfzh',
    validFrom: 'cf_jdrq',
    validUntil: 'cf_yxq',
  },
  requiredOneOf: [['cf_xdr_shxym', 'cf_xdr_zjhm']],
};

export const PENALTY_2016: Layout = {
  id: 'penalty-2016',
  kind: 'penalty',
  title: { zh: '行政处罚（2016 年版标准）', en: 'Administrative penalty (2016 standard)' },
  fields: [
    { code: 'cf_wsh', label: '行政处罚决定书文号', aliases: ['CF_WSH'], required: true },
    { code: 'cf_cfmc', label: '处罚名称', aliases: ['案件名称', 'CF_CFMC', 'CF_AJMC'], required: true },
    { code: 'cf_cflb1', label: '处罚类别1', aliases: ['处罚类别', 'CF_CFLB1'], required: true },
    { code: 'cf_cflb2', label: '处罚类别2', aliases: ['CF_CFLB2'] },
    { code: 'cf_sy', label: '处罚事由', aliases: ['CF_SY'], required: true },
    { code: 'cf_yj', label: '处罚依据', aliases: ['CF_YJ'], required: true },
    { code: 'cf_xdr_mc', label: '行政相对人名称', aliases: ['CF_XDR_MC', 'CF_XDR'], required: true },
    ...legacySubjectCodeFields('cf'),
    { code: 'cf_frdb', label: '法定代表人姓名', aliases: ['法定代表人', 'CF_FR'] },
    { code: 'cf_nr', label: '处罚结果', aliases: ['CF_JG'], required: true },
    { code: 'cf_jdrq', label: '处罚决定日期', aliases: ['处罚生效期', 'CF_JDRQ'], required: true, type: 'date' },
    { code: 'cf_yxq', label: '处罚截止期', aliases: ['CF_JZQ'], type: 'date' },
    { code: 'cf_gsjzq', label: '公示截止期', aliases: ['CF_GSJZQ'], type: 'date' },
    { code: 'cf_cfjg', label: '处罚机关', aliases: ['CF_XZJG'], required: true },
    { code: 'cf_zt', label: '当前状态', aliases: ['CF_ZT'] },
    { code: 'dfbm', label: '地方编码' },
    { code: 'sjc', label: '数据更新时间戳' },
    { code: 'bz', label: '备注' },
  ],
  roles: {
    subjectName: 'cf_xdr_mc',
    sourceRecordId: 'cf_wsh',
    decisionDate: 'cf_jdrq',
    organizationCode: 'cf_xdr_shxym',
    personCode: 'cf_xdr_zjhm',
    representativeName: 'cf_frdb',
    validFrom: 'cf_jdrq',
    validUntil: 'cf_yxq',
  },
  requiredOneOf: [['cf_xdr_shxym', 'cf_xdr_zjhm']],
};

export const PERMIT_2021: Layout = {
  id: 'permit-2021',
  kind: 'permit',
  title: { zh: '行政许可（2021 年版标准）', en: 'Administrative permit (2021 standard)' },
  fields: [
    { code: 'xk_xdr_mc', label: '行政相对人名称', required: true },
    { code: 'xk_xdr_lb', label: '行政相对人类别', required: true },
    ...subjectCodeFields('xk'),
    { code: 'xk_frdb', label: '法定代表人' },
    { code: 'xk_fr_zjlx', label: '法定代表人证件类型' },
    { code: 'xk_fr_sfzh', label: '法定代表人证件号码', aliases: ['法定代表人身份证号'] },
    { code: 'xk_xdr_zjlx', label: '证件类型' },
    { code: 'xk_xdr_zjhm', label: '证件号码' },
    { code: 'xk_xkws', label: '行政许可决定文书名称', required: true },
    { code: 'xk_wsh', label: '行政许可决定文书号', aliases: ['行政许可决定书文号'], required: true },
    { code: 'xk_xklb', label: '许可类别', required: true, type: 'enum', values: PERMIT_CATEGORIES },
    { code: 'xk_xkzs', label: '许可证书名称' },
    { code: 'xk_xkbh', label: '许可编号' },
    { code: 'xk_nr', label: '许可内容', required: true },
    { code: 'xk_jdrq', label: '许可决定日期', required: true, type: 'date' },
    { code: 'xk_yxqz', label: '有效期自', required: true, type: 'date' },
    { code: 'xk_yxqzi', label: '有效期至', required: true, type: 'date' },
    { code: 'xk_xkjg', label: '许可机关', required: true },
    { code: 'xk_xkjgdm', label: '许可机关统一社会信用代码', required: true },
    { code: 'xk_zt', label: '当前状态' },
    { code: 'xk_lydw', label: '数据来源单位', required: true },
    { code: 'xk_lydwdm', label: '数据来源单位统一社会信用代码', required: true },
    { code: 'bz', label: '备注' },
  ],
  roles: {
    subjectName: 'xk_xdr_mc',
    sourceRecordId: 'xk_wsh',
    decisionDate: 'xk_jdrq',
    subjectCategory: 'xk_xdr_lb',
    organizationCode: 'xk_xdr_shxym',
    personIdType: 'xk_xdr_zjlx',
    personCode: 'xk_xdr_zjhm',
    representativeName: 'xk_frdb',
    representativeIdType: 'xk_fr_zjlx',
    representativeCode: 'xk_fr_sfzh',
    validFrom: 'xk_yxqz',
    validUntil: 'xk_yxqzi',
  },
  requiredOneOf: [['xk_xdr_shxym', 'xk_xdr_zjhm']],
};

export const PERMIT_2016: Layout = {
  id: 'permit-2016',
  kind: 'permit',
  title: { zh: '行政许可（2016 年版标准）', en: 'Administrative permit (2016 standard)' },
  fields: [
    { code: 'xk_wsh', label: '行政许可决定书文号', aliases: ['XK_WSH'], required: true },
    { code: 'xk_xmmc', label: '项目名称', aliases: ['XK_XMMC'], required: true },
    { code: 'xk_xklb', label: '审批类别', aliases: ['XK_SPLB'], required: true, type: 'enum', values: PERMIT_CATEGORIES },
    { code: 'xk_nr', label: '许可内容', aliases: ['XK_NR'], required: true },
    { code: 'xk_xdr_mc', label: '行政相对人名称', aliases: ['XK_XDR'], required: true },
    ...legacySubjectCodeFields('xk'),
    { code: 'xk_frdb', label: '法定代表人姓名', aliases: ['法定代表人', 'XK_FR'] },
    { code: 'xk_jdrq', label: '许可决定日期', aliases: ['许可生效期', 'XK_JDRQ'], required: true, type: 'date' },
    { code: 'xk_yxqzi', label: '许可截止期', aliases: ['XK_JZQ'], type: 'date' },
    { code: 'xk_xkjg', label: '许可机关', aliases: ['XK_XZJG'], required: true },
    { code: 'xk_zt', label: '当前状态', aliases: ['XK_ZT'] },
    { code: 'dfbm', label: '地方编码' },
    { code: 'sjc', label: '数据更新时间戳' },
    { code: 'bz', label: '备注' },
  ],
  roles: {
    subjectName: 'xk_xdr_mc',
    sourceRecordId: 'xk_wsh',
    decisionDate: 'xk_jdrq',
    organizationCode: 'xk_xdr_shxym',
    personCode: 'xk_xdr_zjhm',
    representativeName: 'xk_frdb',
    validFrom: 'xk_jdrq',
    validUntil: 'xk_yxqzi',
  },
  requiredOneOf: [['xk_xdr_shxym', 'xk_xdr_zjhm']],
};

/** Newer layouts first: on a tie they win. */
export const SHUANG_GONGSHI_LAYOUTS: readonly Layout[] = [PENALTY_2021, PERMIT_2021, PENALTY_2016, PERMIT_2016];

export function catalogLayout(spec: CatalogLayoutSpec): Layout {
  return {
    id: `catalog:${spec.itemCode}`,
    kind: 'catalog',
    title: { zh: `目录项 ${spec.itemCode} ${spec.itemName}`, en: `Catalog item ${spec.itemCode} ${spec.itemName}` },
    fields: spec.fields,
    roles: {
      subjectName: spec.roles.subjectName,
      sourceRecordId: spec.roles.sourceRecordId,
      ...(spec.roles.decisionDate === undefined ? {} : { decisionDate: spec.roles.decisionDate }),
      ...(spec.subjectKind === 'person' ? { personCode: spec.roles.subjectCode } : { organizationCode: spec.roles.subjectCode }),
    },
    subjectKind: spec.subjectKind,
  };
}

// ---------------------------------------------------------------------------------------------
// Recognising a header row

/**
 * How headers are compared: Unicode NFKC (full-width brackets and letters become ASCII), no
 * blanks, no required-column marks (*, ※), ASCII lower-case, and "_", "-", "—" alike.
 */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^[*※]+|[*※]+$/g, '')
    .replace(/[-—–]/g, '_')
    .toLowerCase();
}

export interface LayoutMatch {
  layout: Layout;
  /** Header as written in the file → field code. */
  mapping: Record<string, string>;
  /** Required fields with no column (any one of a `requiredOneOf` group is listed as the group). */
  missingRequired: Array<{ field: string; label: string }>;
  /** Columns that belong to no field of the layout; they are ignored. */
  unmappedHeaders: string[];
}

export type LayoutRecognition =
  | { ok: true; match: LayoutMatch; reason: string }
  | { ok: false; message: Bilingual; looksHeaderless: boolean };

function aliasTable(layout: Layout): Map<string, string> {
  const table = new Map<string, string>();
  for (const field of layout.fields) {
    for (const name of [field.code, field.label, ...(field.aliases ?? [])]) table.set(normalizeHeader(name), field.code);
  }
  return table;
}

function matchLayout(layout: Layout, headers: readonly string[]): LayoutMatch {
  const table = aliasTable(layout);
  const mapping: Record<string, string> = Object.create(null) as Record<string, string>;
  const unmappedHeaders: string[] = [];
  const taken = new Set<string>();
  for (const header of headers) {
    const code = table.get(normalizeHeader(header));
    if (code === undefined || taken.has(code)) unmappedHeaders.push(header);
    else {
      mapping[header] = code;
      taken.add(code);
    }
  }
  const missingRequired = layout.fields
    .filter((field) => field.required === true && !taken.has(field.code))
    .map((field) => ({ field: field.code, label: field.label }));
  for (const group of layout.requiredOneOf ?? []) {
    if (!group.some((code) => taken.has(code))) {
      const labels = group.map((code) => layout.fields.find((field) => field.code === code)?.label ?? code);
      missingRequired.push({ field: group.join('|'), label: labels.join(' 或 ') });
    }
  }
  return { layout, mapping, missingRequired, unmappedHeaders };
}

/** A header row that holds an identity code or a date is probably the first data row. */
const DATA_LIKE = /^(\d{15}|\d{17}[\dXx]|[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})$/;

/**
 * Finds the layout whose column names cover the most of `headers` — the 双公示 layouts in both
 * standards, the caller's catalog layouts (matched by field code or label) — and maps each
 * header to its field code. A catalog layout wins a tie (the caller asked for it), then newer
 * standards. Missing required columns are listed, not fatal here: the caller refuses the file.
 */
export function recognizeLayout(headers: readonly string[], options: { catalog?: readonly CatalogLayoutSpec[] } = {}): LayoutRecognition {
  const candidates = [...(options.catalog ?? []).map(catalogLayout), ...SHUANG_GONGSHI_LAYOUTS];
  let best: LayoutMatch | null = null;
  let bestScore = 0;
  for (const layout of candidates) {
    const match = matchLayout(layout, headers);
    const score = Object.keys(match.mapping).length;
    if (score > bestScore || (best !== null && score === bestScore && match.missingRequired.length < best.missingRequired.length)) {
      best = match;
      bestScore = score;
    }
  }
  if (best === null) {
    const looksHeaderless = headers.some((header) => DATA_LIKE.test(header.trim()));
    return {
      ok: false,
      looksHeaderless,
      message: looksHeaderless
        ? {
            zh: '第一行看起来是数据而不是表头（含有证件号码或日期），请在第一行加上标准列名',
            en: 'The first row looks like data (it holds an identity code or a date), not a header; add the standard column names as the first row',
          }
        : {
            zh: '无法识别表头：不是双公示行政处罚、行政许可标准格式，也不是所选目录项的格式',
            en: 'Unrecognised header: neither the 双公示 penalty or permit layout nor the selected catalog item’s layout',
          },
    };
  }
  const reason = `${bestScore} of ${headers.length} columns match ${best.layout.title.en}`;
  return { ok: true, match: best, reason };
}

/** Bilingual text listing the missing required columns, for the file-level refusal. */
export function missingColumnsMessage(match: LayoutMatch): Bilingual {
  const names = match.missingRequired.map((missing) => missing.label);
  return {
    zh: `缺少必填列：${names.join('、')}（${match.layout.title.zh}）`,
    en: `Required columns are missing: ${names.join(', ')} (${match.layout.title.en})`,
  };
}

// ---------------------------------------------------------------------------------------------
// Normalising a row

export interface NormalizedRecord {
  layoutId: string;
  subject: Subject;
  /** 法定代表人 of an organization, or the operator (经营者) of an individual business. */
  representative?: Representative;
  /** The provider's id of the record (决定书文号 cf_wsh / xk_wsh): the idempotency key with department and item. */
  sourceRecordId: string;
  /** ISO date of the decision; null only for a catalog layout without one. */
  decisionDate: string | null;
  validity: { from: string | null; until: string | null; isLongTerm: boolean };
  /** Field code → canonical text (ISO dates, decimal amounts); empty cells are left out. */
  fields: Record<string, string>;
}

export type NormalizedRow = { ok: true; record: NormalizedRecord; warnings: RowIssue[] } | { ok: false; errors: RowIssue[] };

export interface NormalizeOptions {
  /** Plug in `classifySubjectCode` from the identity module (GB 11643 / GB 32100 checks). */
  validateSubjectCode: SubjectCodeValidator;
  /** Today in Asia/Shanghai (YYYY-MM-DD) from the injected clock: a later decision date is refused. */
  today?: string;
}

/** 2099-12-31 is the standard's "long-term"; departments also write 长期. */
export const LONG_TERM_DATE = '2099-12-31';
const LONG_TERM_WORDS = new Set(['长期', '长期有效', '永久', '永久有效']);

/** Penalty categories that make an amount or a licence column required (conditional in the standard). */
const CONDITIONAL_BY_CATEGORY: ReadonlyArray<{ includes: readonly string[]; field: string }> = [
  { includes: ['罚款'], field: 'cf_nr_fk' },
  { includes: ['没收违法所得', '没收非法财物'], field: 'cf_nr_wfff' },
  { includes: ['暂扣', '吊销'], field: 'cf_nr_zkdx' },
];

/** Per-match lookups, built once and reused for every row of the file. */
const plans = new WeakMap<LayoutMatch, { pairs: Array<[string, string]>; columnOf: Map<string, string> }>();

function planFor(match: LayoutMatch) {
  let plan = plans.get(match);
  if (plan === undefined) {
    const pairs = Object.entries(match.mapping);
    plan = { pairs, columnOf: new Map(pairs.map(([header, code]) => [code, header])) };
    plans.set(match, plan);
  }
  return plan;
}

/**
 * Turns one row's cells into a record keyed by field codes, or the located reasons it cannot be
 * one. `cells` is `SheetRow.cells` (header → text); `match` comes from `recognizeLayout`.
 */
export function normalizeRow(match: LayoutMatch, cells: Readonly<Record<string, string>>, options: NormalizeOptions): NormalizedRow {
  const { layout } = match;
  const { pairs, columnOf } = planFor(match);
  const raw: Record<string, string> = {};
  for (const [header, code] of pairs) {
    const value = (cells[header] ?? '').trim();
    if (value !== '') raw[code] = value;
  }
  const column = (code: string) => columnOf.get(code) ?? layout.fields.find((field) => field.code === code)?.label ?? code;
  const issue = (code: string, reason: Parameters<typeof rowIssue>[1], facts: Record<string, string | number> = {}) =>
    rowIssue(column(code), reason, facts, code);

  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const fields: Record<string, string> = {};
  let isLongTerm = false;

  for (const field of layout.fields) {
    const value = raw[field.code];
    if (value === undefined) {
      if (field.required === true) errors.push(issue(field.code, 'required'));
      continue;
    }
    if (field.type === 'date') {
      if (field.code === layout.roles.validUntil && LONG_TERM_WORDS.has(value)) {
        fields[field.code] = LONG_TERM_DATE;
        isLongTerm = true;
        continue;
      }
      const date = parseDate(value);
      if (date === null) errors.push(issue(field.code, 'invalid_date', { value }));
      else {
        fields[field.code] = date;
        if (field.code === layout.roles.validUntil && date === LONG_TERM_DATE) isLongTerm = true;
      }
    } else if (field.type === 'amount') {
      const amount = parseAmount(value);
      if (amount === null) errors.push(issue(field.code, 'invalid_amount', { value }));
      else fields[field.code] = amount;
    } else if (field.type === 'enum' && field.values !== undefined) {
      const plain = asciiOr(value, (text) => text.normalize('NFKC')).replace(/\s+/g, '');
      const canonical = field.values.find((allowed) => allowed === plain || `${allowed}许可` === plain);
      if (canonical === undefined) errors.push(issue(field.code, 'invalid_enum', { value, allowed: field.values.join('/') }));
      else fields[field.code] = canonical;
    } else {
      fields[field.code] = value;
    }
  }
  // 2016: 处罚类别1 and 处罚类别2 become one cf_cflb, as the newer standard has it.
  if (layout.id === 'penalty-2016') {
    const categories = [fields.cf_cflb1, fields.cf_cflb2].filter((value): value is string => value !== undefined);
    delete fields.cf_cflb1;
    delete fields.cf_cflb2;
    if (categories.length > 0) fields.cf_cflb = categories.join(';');
  }

  // The newer penalty standard: an amount or licence column is required by the category.
  if (layout.id === 'penalty-2021' && fields.cf_cflb !== undefined) {
    for (const rule of CONDITIONAL_BY_CATEGORY) {
      const category = rule.includes.find((word) => fields.cf_cflb?.includes(word));
      if (category !== undefined && raw[rule.field] === undefined) {
        errors.push(issue(rule.field, 'required_when', { category }));
      }
    }
  }

  const decisionDate = layout.roles.decisionDate === undefined ? null : (fields[layout.roles.decisionDate] ?? null);
  if (decisionDate !== null && options.today !== undefined && decisionDate > options.today && layout.roles.decisionDate !== undefined) {
    errors.push(issue(layout.roles.decisionDate, 'date_in_future', { value: decisionDate, today: options.today }));
  }
  const from = layout.roles.validFrom === undefined ? null : (fields[layout.roles.validFrom] ?? null);
  const until = layout.roles.validUntil === undefined ? null : (fields[layout.roles.validUntil] ?? null);
  if (from !== null && until !== null && until < from && layout.roles.validUntil !== undefined) {
    errors.push(issue(layout.roles.validUntil, 'date_order', { from, until }));
  }

  const resolved = resolveSubject(layout, fields, column, options.validateSubjectCode);
  errors.push(...resolved.errors);
  warnings.push(...resolved.warnings);

  const sourceRecordId = fields[layout.roles.sourceRecordId];
  if (errors.length > 0 || resolved.subject === null || sourceRecordId === undefined) {
    if (errors.length === 0) errors.push(issue(layout.roles.sourceRecordId, 'required'));
    return { ok: false, errors };
  }
  const record: NormalizedRecord = {
    layoutId: layout.id,
    subject: resolved.subject,
    sourceRecordId,
    decisionDate,
    validity: { from, until, isLongTerm },
    fields,
  };
  if (resolved.representative !== undefined) record.representative = resolved.representative;
  return { ok: true, record, warnings };
}

