import type { ListKind } from './standing.ts';
import type { NoticeKind, RemovalReason } from './schema.ts';

/**
 * The texts of the notices the lists publish, in Chinese and English: the prior written notice to
 * a serious-dishonesty candidate (Henan Art. 28: basis, reasons, measures, the right to object and
 * to ask the provincial credit department for review), the public announcement of a red-list
 * candidate (Art. 28), the listing notice (Art. 36) and the exit notice (Art. 37).
 */
export interface NoticeText {
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
}

export interface NoticeFacts {
  list: ListKind;
  /** As shown: a person's name masked */
  subjectName: string;
  subjectCodeMasked: string;
  categoryZh: string | null;
  categoryEn: string | null;
  departmentName: string;
  basis: string;
  reason: string;
  measures: string | null;
  /** prior_notice: the defence deadline; announcement: its last day */
  until: string | null;
  listedOn: string | null;
  endsOn: string | null;
  removalReason: RemovalReason | null;
  removalNote: string | null;
}

const LIST_NAMES: Record<ListKind, { zh: string; en: string }> = {
  red: { zh: '守信联合激励对象名单（红名单）', en: 'red list (joint rewards for the trustworthy)' },
  serious_dishonesty: { zh: '严重失信主体名单', en: 'serious-dishonesty list' },
  watch: { zh: '重点监管对象名单', en: 'watch list (key supervision targets)' },
};

const REMOVAL_NAMES: Record<RemovalReason, { zh: string; en: string }> = {
  expiry: { zh: '有效期届满', en: 'its validity ended' },
  repair: { zh: '信用修复', en: 'credit repair' },
  correction: { zh: '信息纠错', en: 'a correction' },
  revocation: { zh: '认定依据被撤销', en: 'the decision it rested on was revoked' },
};

export function noticeText(kind: NoticeKind, f: NoticeFacts): NoticeText {
  const list = LIST_NAMES[f.list];
  const who = `${f.subjectName}（${f.subjectCodeMasked}）`;
  const category = f.categoryZh ? `（${f.categoryZh}）` : '';
  const categoryEn = f.categoryEn ? ` (${f.categoryEn})` : '';
  switch (kind) {
    case 'prior_notice':
      return {
        titleZh: `拟列入${list.zh}事前告知书`,
        titleEn: `Prior notice: proposed listing on the ${list.en}`,
        bodyZh:
          `${who}：${f.departmentName}拟将你列入${list.zh}${category}。` +
          `依据：${f.basis}。理由：${f.reason}。拟采取的惩戒措施：${f.measures ?? '—'}。` +
          `你有权在 ${f.until} 前（含当日）陈述、申辩或提出异议；对认定机关的核查处理结果仍有异议的，可以向省社会信用工作主管部门申请复核（《河南省社会信用条例》第二十八条）。`,
        bodyEn:
          `${who}: ${f.departmentName} proposes to list you on the ${list.en}${categoryEn}. ` +
          `Basis: ${f.basis}. Reasons: ${f.reason}. Measures to be applied: ${f.measures ?? '—'}. ` +
          `You may state a defence or object until ${f.until} inclusive; if you still disagree with the outcome, you may ask the provincial credit department for a review (Henan Social Credit Regulations Art. 28).`,
      };
    case 'announcement':
      return {
        titleZh: `${list.zh}拟列入对象公示`,
        titleEn: `Announcement: candidate for the ${list.en}`,
        bodyZh: `${f.departmentName}拟将${who}列入${list.zh}${category}，依据：${f.basis}。理由：${f.reason}。公示期至 ${f.until}；对公示对象有异议的，请于公示期内向${f.departmentName}反映。`,
        bodyEn: `${f.departmentName} proposes ${who} for the ${list.en}${categoryEn}; basis: ${f.basis}. Reasons: ${f.reason}. Announced until ${f.until}; objections go to ${f.departmentName} within that period.`,
      };
    case 'listing':
      return {
        titleZh: `${list.zh}列入公告`,
        titleEn: `Listing notice: ${list.en}`,
        bodyZh: `${f.departmentName}认定${who}列入${list.zh}${category}，有效期 ${f.listedOn} 至 ${f.endsOn}。依据：${f.basis}。`,
        bodyEn: `${f.departmentName} has listed ${who} on the ${list.en}${categoryEn}, in force from ${f.listedOn} to ${f.endsOn}. Basis: ${f.basis}.`,
      };
    case 'exit': {
      const why = REMOVAL_NAMES[f.removalReason ?? 'expiry'];
      return {
        titleZh: `${list.zh}退出公告`,
        titleEn: `Exit notice: ${list.en}`,
        bodyZh: `${who}因${why.zh}，已移出${list.zh}${category}（认定部门：${f.departmentName}）${f.removalNote ? `。说明：${f.removalNote}` : ''}。相关措施同时停止（《河南省社会信用条例》第三十七条）。`,
        bodyEn: `${who} has left the ${list.en}${categoryEn} because of ${why.en} (listing department: ${f.departmentName})${f.removalNote ? `. Note: ${f.removalNote}` : ''}. The related measures stop (Henan Social Credit Regulations Art. 37).`,
      };
    }
  }
}
