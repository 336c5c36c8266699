import type { Actor, RequestContext } from '../../shared/context.ts';
import { catalogRules } from './rules.ts';
import type { CatalogItemInput } from './schema.ts';

/** Test factory: a valid, active, bad person item with a legal basis; override what a test varies. */
export function makeItem(overrides: Partial<CatalogItemInput> = {}): CatalogItemInput {
  return {
    code: 'TEST_ITEM',
    name: '测试失信信息',
    subjectType: 'person',
    category: 'bad',
    severity: 'ordinary',
    severityPerRecord: false,
    keyDomain: '食品药品',
    provider: '市发展和改革委员会',
    sourceDepartments: ['114190011000000004'],
    legalBasis: '《河南省社会信用条例》第十二条',
    sourceDocument: '测试用',
    disclosureLevel: 'public',
    dataFormat: '结构化数据',
    coverage: '济源市行政区域',
    updateCycle: '实时',
    fields: [
      { name: 'xm', label: '姓名', type: 'string', required: true, maxLength: 100, role: 'subject_name' },
      { name: 'sfzh', label: '公民身份号码', type: 'code', required: true, codeKind: 'citizen', role: 'subject_code' },
      { name: 'wsh', label: '决定书文号', type: 'string', required: true, role: 'source_record_id' },
      { name: 'jdrq', label: '决定日期', type: 'date', required: true, role: 'decision_date' },
      { name: 'lb', label: '类别', type: 'enum', required: false, enumValues: ['甲', '乙'] },
    ],
    publication: { kind: 'by_severity', periods: { ordinary: { ...catalogRules.nationalPeriods.ordinary } }, extendsWhileListed: true, basis: '《信用修复管理办法》' },
    retention: { afterPublication: 'archive', basis: '《河南省社会信用条例》第十九条' },
    minSubjectAge: null,
    jointPunishmentBasis: false,
    unconfirmedUtilityArrears: false,
    reducesRights: false,
    expertReviewedAt: null,
    publicCommentAt: null,
    notes: [],
    active: true,
    ...overrides,
  };
}

export function makeActor(overrides: Partial<Actor> = {}): Actor {
  return { userId: 'user-admin-1', username: 'admin', role: 'platform_admin', departmentId: null, personId: null, permissions: new Set(), ...overrides };
}

export const adminContext = (userId = 'user-admin-1'): RequestContext => ({ actor: makeActor({ userId }), channel: 'http', requestId: 'req-test' });
