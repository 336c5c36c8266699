import { shanghaiDate } from '../../shared/clock.ts';
import type { RecordMark, ReportContent, SignedReport } from './schema.ts';

/**
 * What a printed report shows, in Chinese, as titled tables: the one layout HTML and PDF both
 * render, so the two formats cannot drift apart.
 */
export interface ReportView {
  title: string;
  subtitle: string;
  header: Array<[string, string]>;
  sections: Array<{ title: string; columns: Array<{ label: string; width: number }>; rows: string[][]; empty: string }>;
  verification: Array<[string, string]>;
  notes: string[];
}

const SEVERITY: Record<string, string> = { minor: '轻微', ordinary: '一般', serious: '严重' };
const LIST: Record<string, string> = { red: '红名单', serious_dishonesty: '严重失信主体名单', watch: '重点监管对象' };
const ROLE: Record<string, string> = {
  platform_admin: '平台管理员',
  auditor: '审计员',
  dept_operator: '部门经办人',
  dept_reviewer: '部门审核人',
  citizen: '信用主体本人',
  api_client: '业务系统',
  cli: '命令行（窗口）',
  system: '系统',
};
const LINK_ROLE: Record<string, string> = {
  legal_representative: '法定代表人',
  operator: '经营者',
  principal: '主要负责人',
  actual_controller: '实际控制人',
  directly_responsible: '直接责任人',
};
/** Access-log actions in words; others show their code. */
const ACTION: Record<string, string> = {
  'reports.issue': '出具信用报告',
  'reports.verify': '核验信用报告',
  'records.read': '查阅信用记录',
  'records.list': '查询信用记录',
  'person.read': '查询身份信息',
  'person.create': '登记身份信息',
  'person.create_batch': '登记身份信息',
  'sanctions.check': '联合奖惩核查',
  'lists.read': '查阅名单信息',
  'audit.own_log_read': '本人查看查询记录',
};

/** An ISO instant as Asia/Shanghai date and minute: 2026-11-30 09:00. */
export function shanghaiMinute(iso: string): string {
  const date = new Date(iso);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(date);
  return `${shanghaiDate(date)} ${time}`;
}

const or = (value: string | null | undefined, fallback = '—') => (value === null || value === undefined || value === '' ? fallback : value);

const RECORD_MARK_LABELS: Record<RecordMark, string> = {
  objection_pending: '异议处理中',
  repaired: '已修复',
  reconsideration_pending: '行政复议中',
  litigation_pending: '行政诉讼中',
  decision_revoked: '原决定已撤销',
};

const RECORD_COLUMNS = [
  { label: '决定日期', width: 62 },
  { label: '信息项', width: 120 },
  { label: '提供单位', width: 110 },
  { label: '文书号', width: 110 },
  { label: '版本', width: 30 },
];

function recordRows(records: ReportContent['records']['bad'], bad: boolean): string[][] {
  return records.map((r) => {
    const linked = r.linkRole ? `${r.itemName}（${LINK_ROLE[r.linkRole] ?? r.linkRole}）` : r.itemName;
    const item = r.status ? `${linked} [${RECORD_MARK_LABELS[r.status]}]` : linked;
    const cells = [or(r.decisionDate), item, or(r.departmentName), r.sourceRecordId, String(r.version)];
    return bad ? [...cells.slice(0, 2), SEVERITY[r.severity ?? ''] ?? '—', or(r.publishedUntil, '长期'), ...cells.slice(2)] : cells;
  });
}

const TITLES: Record<ReportContent['type'], { zh: string; en: string }> = {
  personal: { zh: '个人信用报告', en: 'Personal credit report' },
  professional: { zh: '职业信用报告', en: 'Professional credit report' },
  authorized: { zh: '授权查询信用报告', en: 'Credit report by authorized query' },
  shared: { zh: '政务共享信用报告', en: 'Credit report for government sharing' },
};

export function reportView(signed: SignedReport): ReportView {
  const c = signed.content;
  const header: Array<[string, string]> = [
    ['报告编号', c.number],
    ['验证码', c.verificationCode],
    ['出具时间', shanghaiMinute(c.issuedAt)],
    ['出具机构', c.issuer.name],
    ['姓名', c.subject.name],
    ['公民身份号码', c.subject.codeMasked],
  ];
  if (c.profession) header.push(['职业', `${c.profession.name}（${c.profession.code}）`]);
  if (c.scope) header.push(['报告范围', [...(c.scope.categories ?? []), ...(c.scope.itemCodes ?? [])].join('、') || '—']);

  const sections: ReportView['sections'] = [];
  if (c.profession) {
    sections.push({
      title: `资格和执业证书（${c.profession.licenceLabel}）`,
      columns: [
        { label: '证书名称', width: 120 },
        { label: '证书编号', width: 100 },
        { label: '发证机关', width: 110 },
        { label: '发证日期', width: 62 },
        { label: '有效期至', width: 62 },
        { label: '状态', width: 40 },
      ],
      rows: c.profession.licences.map((l) => [l.certificateName, l.certificateNumber, or(l.issuingAuthority), or(l.issuedOn), or(l.validUntil, '长期'), or(l.status)]),
      empty: '无该职业的资格或执业证书记录',
    });
  }
  sections.push(
    { title: '基础信息', columns: RECORD_COLUMNS, rows: recordRows(c.records.basic, false), empty: '无' },
    { title: '守信信息', columns: RECORD_COLUMNS, rows: recordRows(c.records.good, false), empty: '无' },
    {
      title: '失信信息',
      columns: [RECORD_COLUMNS[0]!, { label: '信息项', width: 100 }, { label: '程度', width: 30 }, { label: '公示截止', width: 62 }, { label: '提供单位', width: 90 }, { label: '文书号', width: 90 }, RECORD_COLUMNS[4]!],
      rows: recordRows(c.records.bad, true),
      empty: '无',
    },
    {
      title: '名单信息（截至出具日在列）',
      columns: [
        { label: '名单', width: 90 },
        { label: '认定单位', width: 110 },
        { label: '列入日期', width: 62 },
        { label: '有效期至', width: 62 },
        { label: '依据', width: 140 },
      ],
      rows: c.listEntries.map((e) => [
        `${LIST[e.list] ?? e.list}${e.viaOrganization ? `（经由${e.viaOrganization}${e.viaRole ? `，${LINK_ROLE[e.viaRole] ?? e.viaRole}` : ''}）` : ''}`,
        or(e.departmentName),
        e.listedOn,
        or(e.endsOn, '长期'),
        e.basis,
      ]),
      empty: '无',
    },
    {
      title: '查询记录（《河南省社会信用条例》第四十条）',
      columns: [
        { label: '时间', width: 80 },
        { label: '查询单位', width: 110 },
        { label: '查询者', width: 70 },
        { label: '操作', width: 80 },
        { label: '用途', width: 130 },
      ],
      rows: c.queries.map((q) => [shanghaiMinute(q.at), or(q.departmentName), ROLE[q.role ?? ''] ?? or(q.role), ACTION[q.action] ?? q.action, or(q.purpose)]),
      empty: '无',
    },
  );

  return {
    title: TITLES[c.type].zh,
    subtitle: TITLES[c.type].en,
    header,
    sections,
    verification: [
      ['内容摘要 SM3', signed.contentHash],
      ['签名公钥标识', signed.keyId],
      ['SM2 签名', signed.signature],
    ],
    notes: [
      '本报告由平台以 SM2 数字签名，内容以 RFC 8785 规范化 JSON 签署；PDF 内嵌签名原文（credit-report.json），PDF 整体另有平台签名，任何改动均无法通过验证。',
      '核验方式：在平台公共服务页面“信用报告核验”输入报告编号和验证码，或上传本 PDF；也可离线执行 chengxin report verify 文件名。',
      '失信信息仅在公示期内载入报告，期满转为档案保存（《河南省社会信用条例》第十九条、第四十四条）。',
      '信用主体对报告内容有异议的，可依《河南省社会信用条例》第四十一条提出异议申请。',
    ],
  };
}
