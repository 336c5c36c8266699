import { makeCitizenCode, makeOrgCode } from '../identity/codes/index.ts';

/** Generated 双公示 penalty rows (2021 layout) for tests and the crash test; deterministic. */
export const PENALTY_HEADER = [
  '行政相对人名称',
  '行政相对人类别',
  '行政相对人代码_1（统一社会信用代码）',
  '法定代表人',
  '法定代表人证件类型',
  '法定代表人证件号码',
  '证件类型',
  '证件号码',
  '行政处罚决定书文号',
  '违法行为类型',
  '违法事实',
  '处罚依据',
  '处罚类别',
  '处罚内容',
  '罚款金额（万元）',
  '处罚决定日期',
  '处罚有效期',
  '处罚机关',
  '处罚机关统一社会信用代码',
  '数据来源单位',
  '数据来源单位统一社会信用代码',
];

export const ORGAN_CODE = makeOrgCode('11419001000000000');

export function personCode(i: number): string {
  const year = 1950 + (i % 50);
  const month = String((i % 12) + 1).padStart(2, '0');
  const day = String((i % 28) + 1).padStart(2, '0');
  return makeCitizenCode('419001', `${year}-${month}-${day}`, Math.floor(i / 50) % 1000);
}

export function orgCode(i: number): string {
  return makeOrgCode(`91419001MA${String(i).padStart(7, '0')}`);
}

export interface PenaltyRowOptions {
  /** Organization instead of a person. */
  organization?: boolean;
  /** The legal representative's citizen code (organizations). */
  representativeCode?: string;
  fact?: string;
  decisionDate?: string;
  docNumber?: string;
  code?: string;
}

export function penaltyRow(i: number, o: PenaltyRowOptions = {}): string[] {
  const org = o.organization === true;
  const code = o.code ?? (org ? orgCode(i) : personCode(i));
  return [
    org ? `济源市第${i}商贸有限公司` : `张${i}`,
    org ? '法人及非法人组织' : '自然人',
    org ? code : '',
    org ? '王五' : '',
    org && o.representativeCode ? '身份证' : '',
    org ? (o.representativeCode ?? '') : '',
    org ? '' : '身份证',
    org ? '' : code,
    o.docNumber ?? `济市监罚〔2026〕${i + 1}号`,
    '未按规定公示信息',
    o.fact ?? `第 ${i} 号案件，已责令改正`,
    '《企业信息公示暂行条例》',
    '罚款',
    '罚款人民币伍仟元',
    '0.5',
    o.decisionDate ?? '2026-03-05',
    '2027-03-04',
    '济源市市场监督管理局',
    ORGAN_CODE,
    '济源市市场监督管理局',
    ORGAN_CODE,
  ];
}

export const csvLine = (cells: readonly string[]) => cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',');

export function penaltyCsv(rows: readonly (readonly string[])[], header: readonly string[] = PENALTY_HEADER): string {
  return [header, ...rows].map(csvLine).join('\r\n') + '\r\n';
}

/** A 失信被执行人 (SXBZXR) record as the court submits it: case `n` about the person with `code`. */
export function judgmentDebtorRecord(n: number, person: { code: string; name: string }, publishedOn = '2026-10-09'): Record<string, string> {
  return {
    xm: person.name,
    sfzh: person.code,
    ah: `(2026)豫9001执${n}号`,
    zxfy: '济源中级人民法院',
    zxyjwh: `(2025)豫9001民初${n}号`,
    zxyjdw: '济源市人民法院',
    flwsqdyw: '给付货款人民币伍万元',
    lxqk: '全部未履行',
    sxqx: '有履行能力而拒不履行生效法律文书确定义务',
    fbsj: publishedOn,
  };
}
