import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { classifySubjectCode, codeRejectionMessages, makeCitizenCode, makeOrgCode } from '../../identity/codes/index.ts';
import {
  normalizeHeader,
  normalizeRow,
  recognizeLayout,
  PENALTY_2016,
  PENALTY_2021,
  PERMIT_2016,
  PERMIT_2021,
  type CatalogLayoutSpec,
  type Layout,
  type LayoutMatch,
  type NormalizedRow,
} from './layouts.ts';
import type { SubjectCodeValidator } from './subjects.ts';
import { decimalString, parseAmount, parseDate } from './values.ts';

const TODAY = '2026-06-30';

/** The caller's plug: the identity module's GB 11643 / GB 32100 checks. */
const validateSubjectCode: SubjectCodeValidator = (code) => {
  const check = classifySubjectCode(code, TODAY);
  return check.ok
    ? { ok: true, kind: check.facts.kind, code: check.facts.code }
    : { ok: false, reason: check.reason, message: codeRejectionMessages[check.reason] };
};

const PERSON = makeCitizenCode('419001', '1990-01-01', 123);
const PERSON_2 = makeCitizenCode('419001', '1985-12-12', 2);
const COMPANY = makeOrgCode('91419001MA0000000');
const SHOP = makeOrgCode('92419001MA0000001');
const ORGAN = makeOrgCode('11419001000000000');

const labels = (layout: Layout) => layout.fields.map((field) => field.label);

function matchFor(layout: Layout): LayoutMatch {
  const recognition = recognizeLayout(labels(layout));
  if (!recognition.ok) throw new Error('not recognised');
  expect(recognition.match.layout.id).toBe(layout.id);
  return recognition.match;
}

/** A complete, valid 2021 penalty row about a natural person, by column label. */
function penaltyRow(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    行政相对人名称: '张三',
    行政相对人类别: '自然人',
    证件类型: '身份证',
    证件号码: PERSON,
    行政处罚决定书文号: '济市监罚〔2024〕1号',
    违法行为类型: '未取得营业执照从事经营活动',
    违法事实: '当事人未取得营业执照从事食品经营',
    处罚依据: '《无证无照经营查处办法》第十三条',
    处罚类别: '罚款',
    处罚内容: '罚款人民币伍仟元',
    '罚款金额（万元）': '0.5',
    处罚决定日期: '2024/3/5',
    处罚有效期: '2025-03-05',
    处罚机关: '济源市市场监督管理局',
    处罚机关统一社会信用代码: ORGAN,
    数据来源单位: '济源市市场监督管理局',
    数据来源单位统一社会信用代码: ORGAN,
    ...overrides,
  };
}

function accepted(result: NormalizedRow) {
  if (!result.ok) throw new Error(`expected a record, got ${JSON.stringify(result.errors.map((e) => e.message.en))}`);
  return result;
}

function rejected(result: NormalizedRow) {
  if (result.ok) throw new Error('expected errors');
  return result.errors.map((error) => [error.column, error.reason]);
}

describe('recognizeLayout', () => {
  test.each([PENALTY_2021, PENALTY_2016, PERMIT_2021, PERMIT_2016])('the standard template of $id', (layout) => {
    const recognition = recognizeLayout(labels(layout));
    expect(recognition).toMatchObject({ ok: true, match: { layout: { id: layout.id }, missingRequired: [], unmappedHeaders: [] } });
  });

  test('headers written as field codes (CF_XDR_MC …) are the 2021 layout', () => {
    const recognition = recognizeLayout(PENALTY_2021.fields.map((field) => field.code.toUpperCase()));
    expect(recognition).toMatchObject({ ok: true, match: { layout: { id: 'penalty-2021' }, missingRequired: [] } });
  });

  test('2016 codes and labels map to the newer field codes; _5 (居民身份证号) is the person code', () => {
    const headers = ['CF_WSH', '处罚名称', '处罚类别1', '处罚类别2', '处罚事由', '处罚依据', '行政相对人名称', '行政相对人代码_1(统一社会信用代码)', '行政相对人代码_5(居民身份证号)', '法定代表人姓名', '处罚结果', '处罚决定日期', '处罚机关', '当前状态', '地方编码', '数据更新时间戳'];
    const recognition = recognizeLayout(headers);
    expect(recognition.ok).toBe(true);
    if (recognition.ok) {
      expect(recognition.match.layout.id).toBe('penalty-2016');
      expect(recognition.match.mapping).toMatchObject({
        CF_WSH: 'cf_wsh',
        处罚事由: 'cf_sy',
        处罚结果: 'cf_nr',
        '行政相对人代码_1(统一社会信用代码)': 'cf_xdr_shxym',
        '行政相对人代码_5(居民身份证号)': 'cf_xdr_zjhm',
        数据更新时间戳: 'sjc',
      });
    }
  });

  test('spelling variants match: half-width brackets, blanks, required marks, hyphens', () => {
    expect(normalizeHeader(' *罚款金额(万元) ')).toBe(normalizeHeader('罚款金额（万元）'));
    expect(normalizeHeader('行政相对人代码-1（统一社会信用代码）')).toBe(normalizeHeader('行政相对人代码_1(统一社会信用代码)'));
    const headers = labels(PENALTY_2021).map((label, i) => (i % 2 === 0 ? `*${label.replace('（', '(').replace('）', ')')}` : ` ${label} `));
    expect(recognizeLayout(headers)).toMatchObject({ ok: true, match: { layout: { id: 'penalty-2021' }, missingRequired: [] } });
  });

  test('missing required columns are listed; unknown columns are reported, not fatal', () => {
    const headers = labels(PERMIT_2021).filter((label) => label !== '许可机关' && label !== '有效期至' && label !== '证件号码' && !label.startsWith('行政相对人代码_1'));
    const recognition = recognizeLayout([...headers, '经办人']);
    expect(recognition.ok).toBe(true);
    if (recognition.ok) {
      expect(recognition.match.layout.id).toBe('permit-2021');
      expect(recognition.match.missingRequired.map((m) => m.field)).toEqual(['xk_yxqzi', 'xk_xkjg', 'xk_xdr_shxym|xk_xdr_zjhm']);
      expect(recognition.match.unmappedHeaders).toEqual(['经办人']);
    }
  });

  test('a first row of data instead of a header is recognised as such', () => {
    const recognition = recognizeLayout(['张三', PERSON, '济市监罚〔2024〕1号', '2024-03-05']);
    expect(recognition).toMatchObject({ ok: false, looksHeaderless: true });
    if (!recognition.ok) expect(recognition.message.zh).toMatch(/第一行看起来是数据/);
  });

  test("the catalog item's own layout, by field code or label, wins over the standard layouts", () => {
    const honour: CatalogLayoutSpec = {
      itemCode: 'HONOUR_MORAL_MODEL',
      itemName: '道德模范',
      subjectKind: 'person',
      fields: [
        { code: 'name', label: '姓名', required: true },
        { code: 'id_number', label: '身份证号码', required: true },
        { code: 'title', label: '荣誉称号', required: true },
        { code: 'award_no', label: '表彰文号', required: true },
        { code: 'award_date', label: '表彰日期', required: true, type: 'date' },
      ],
      roles: { subjectName: 'name', subjectCode: 'id_number', sourceRecordId: 'award_no', decisionDate: 'award_date' },
    };
    for (const headers of [['姓名', '身份证号码', '荣誉称号', '表彰文号', '表彰日期'], ['name', 'id_number', 'title', 'award_no', 'award_date']]) {
      const recognition = recognizeLayout(headers, { catalog: [honour] });
      expect(recognition).toMatchObject({ ok: true, match: { layout: { id: 'catalog:HONOUR_MORAL_MODEL' }, missingRequired: [] } });
      if (!recognition.ok) continue;
      const row = Object.fromEntries(headers.map((header, i) => [header, ['李四', PERSON_2, '济源市道德模范', '济文明〔2025〕3号', '20250412'][i] ?? '']));
      const result = accepted(normalizeRow(recognition.match, row, { validateSubjectCode }));
      expect(result.record).toMatchObject({
        subject: { kind: 'person', code: PERSON_2, name: '李四' },
        sourceRecordId: '济文明〔2025〕3号',
        decisionDate: '2025-04-12',
      });
    }
  });
});

describe('normalizeRow: 2021 penalty layout', () => {
  const match = matchFor(PENALTY_2021);

  test('a natural person: the code comes from 证件号码; dates and amounts are canonical', () => {
    const result = accepted(normalizeRow(match, penaltyRow({ 证件号码: PERSON.toLowerCase() }), { validateSubjectCode, today: TODAY }));
    expect(result.record).toEqual({
      layoutId: 'penalty-2021',
      subject: { kind: 'person', code: PERSON, name: '张三' },
      sourceRecordId: '济市监罚〔2024〕1号',
      decisionDate: '2024-03-05',
      validity: { from: '2024-03-05', until: '2025-03-05', isLongTerm: false },
      fields: expect.objectContaining({ cf_jdrq: '2024-03-05', cf_nr_fk: '0.5', cf_xdr_zjhm: PERSON.toLowerCase(), cf_xdr_lb: '自然人' }),
    });
    expect(result.warnings).toEqual([]);
  });

  test('an organization: the code comes from 统一社会信用代码, with its legal representative', () => {
    const row = penaltyRow({
      行政相对人名称: '济源市某某商贸有限公司',
      行政相对人类别: '法人及非法人组织',
      证件类型: '',
      证件号码: '',
      '行政相对人代码_1（统一社会信用代码）': COMPANY,
      法定代表人: '王五',
      法定代表人证件类型: '身份证',
      法定代表人证件号码: PERSON_2,
    });
    const result = accepted(normalizeRow(match, row, { validateSubjectCode }));
    expect(result.record.subject).toEqual({ kind: 'organization', code: COMPANY, name: '济源市某某商贸有限公司' });
    expect(result.record.representative).toEqual({ role: 'legal_representative', name: '王五', code: PERSON_2, idType: '身份证' });
  });

  test('an individual business (92…) is an organization whose representative is its operator', () => {
    const row = penaltyRow({ 行政相对人名称: '济源市张三小吃店', 行政相对人类别: '个体工商户', 证件号码: '', '行政相对人代码_1（统一社会信用代码）': SHOP, 法定代表人: '张三', 法定代表人证件号码: PERSON });
    const result = accepted(normalizeRow(match, row, { validateSubjectCode }));
    expect(result.record.subject).toEqual({ kind: 'organization', code: SHOP, name: '济源市张三小吃店', isIndividualBusiness: true });
    expect(result.record.representative).toMatchObject({ role: 'operator', name: '张三', code: PERSON });
  });

  test.each<[string, Record<string, string>, Array<[string | null, string]>]>([
    ['a citizen code with a wrong check character', { 证件号码: `${PERSON.slice(0, 17)}${PERSON.endsWith('0') ? '1' : '0'}` }, [['证件号码', 'invalid_subject_code']]],
    ['an organization code for a natural person', { 证件号码: COMPANY }, [['证件号码', 'subject_kind_mismatch']]],
    ['a passport instead of an identity card', { 证件类型: '护照' }, [['证件类型', 'unsupported_id_type']]],
    ['no code at all', { 证件号码: '' }, [['证件号码', 'missing_subject_code']]],
    ['an unknown subject category', { 行政相对人类别: '单位' }, [['行政相对人类别', 'invalid_subject_category']]],
    ['a placeholder organization code', { 行政相对人类别: '法人及非法人组织', '行政相对人代码_1（统一社会信用代码）': '00000000000000000X' }, [['行政相对人代码_1（统一社会信用代码）', 'placeholder_code']]],
    ['a date that is not one', { 处罚决定日期: '2024-02-30' }, [['处罚决定日期', 'invalid_date']]],
    ['a decision in the future', { 处罚决定日期: '2027-01-01', 处罚有效期: '2028-01-01' }, [['处罚决定日期', 'date_in_future']]],
    ['validity ending before the decision', { 处罚有效期: '2024-01-01' }, [['处罚有效期', 'date_order']]],
    ['a negative fine', { '罚款金额（万元）': '-1' }, [['罚款金额（万元）', 'invalid_amount']]],
    ['a fine without its amount', { '罚款金额（万元）': '' }, [['罚款金额（万元）', 'required_when']]],
    ['a missing required value', { 处罚依据: '', 处罚机关: ' ' }, [['处罚依据', 'required'], ['处罚机关', 'required']]],
  ])('refuses %s, located at the column', (_name, overrides, expected) => {
    expect(rejected(normalizeRow(match, penaltyRow(overrides), { validateSubjectCode, today: TODAY }))).toEqual(expected);
  });

  test('every error carries a Chinese and an English message', () => {
    const result = normalizeRow(match, penaltyRow({ 证件号码: '419001199001011239', 处罚决定日期: 'soon' }), { validateSubjectCode });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.field)).toEqual(['cf_jdrq', 'cf_xdr_zjhm']);
      // The code is masked: an error report must not carry a citizen code in clear (DESIGN.md decision 6).
      expect(result.errors[1]?.message).toEqual({ zh: "代码“419001********1239”无效：校验码错误", en: "The code \"419001********1239\" is not valid: wrong check character" });
    }
  });
});

describe('normalizeRow: 2016 layouts and permits', () => {
  test('a 2016 penalty: categories 1 and 2 become cf_cflb; the person is found through _5', () => {
    const match = matchFor(PENALTY_2016);
    const row: Record<string, string> = {
      行政处罚决定书文号: '济环罚〔2016〕8号',
      处罚名称: '超标排放',
      处罚类别1: '罚款',
      处罚类别2: '责令改正',
      处罚事由: '超标排放污水',
      处罚依据: '《水污染防治法》',
      行政相对人名称: '赵六',
      '行政相对人代码_5（居民身份证号）': PERSON,
      处罚结果: '罚款一万元',
      处罚决定日期: '20161108',
      处罚机关: '济源市环境保护局',
      当前状态: '0',
    };
    const result = accepted(normalizeRow(match, row, { validateSubjectCode }));
    expect(result.record.subject).toEqual({ kind: 'person', code: PERSON, name: '赵六' });
    expect(result.record.fields).toMatchObject({ cf_cflb: '罚款;责令改正', cf_jdrq: '2016-11-08', cf_zt: '0' });
    expect(result.record.fields).not.toHaveProperty('cf_cflb1');
  });

  test('a 2021 permit: 2099/12/31 means long-term, and the category is checked against the standard list', () => {
    const match = matchFor(PERMIT_2021);
    const row: Record<string, string> = {
      行政相对人名称: '济源市某某餐饮有限公司',
      行政相对人类别: '法人及非法人组织',
      '行政相对人代码_1（统一社会信用代码）': COMPANY,
      行政许可决定文书名称: '食品经营许可决定书',
      行政许可决定文书号: '济市监食许〔2024〕12号',
      许可类别: '普通许可',
      许可内容: '预包装食品销售',
      许可决定日期: '45356',
      有效期自: '2024-03-05',
      有效期至: '2099/12/31',
      许可机关: '济源市市场监督管理局',
      许可机关统一社会信用代码: ORGAN,
      数据来源单位: '济源市市场监督管理局',
      数据来源单位统一社会信用代码: ORGAN,
    };
    const result = accepted(normalizeRow(match, row, { validateSubjectCode }));
    expect(result.record).toMatchObject({
      sourceRecordId: '济市监食许〔2024〕12号',
      decisionDate: '2024-03-05',
      validity: { from: '2024-03-05', until: '2099-12-31', isLongTerm: true },
      fields: { xk_xklb: '普通', xk_yxqzi: '2099-12-31' },
    });
    expect(accepted(normalizeRow(match, { ...row, 有效期至: '长期' }, { validateSubjectCode })).record.validity.isLongTerm).toBe(true);
    expect(rejected(normalizeRow(match, { ...row, 许可类别: '一般' }, { validateSubjectCode }))).toEqual([['许可类别', 'invalid_enum']]);
  });

  test('a 2016 permit about an organization', () => {
    const match = matchFor(PERMIT_2016);
    const row: Record<string, string> = {
      行政许可决定书文号: '济建许〔2016〕3号',
      项目名称: '建筑工程施工许可',
      审批类别: '核准',
      许可内容: '准予施工',
      行政相对人名称: '济源市某某建设有限公司',
      '行政相对人代码_1（统一社会信用代码）': COMPANY,
      法定代表人姓名: '孙七',
      许可决定日期: '2016.5.6',
      许可机关: '济源市住房和城乡建设局',
    };
    const result = accepted(normalizeRow(match, row, { validateSubjectCode }));
    expect(result.record.subject.kind).toBe('organization');
    expect(result.record.representative).toEqual({ role: 'legal_representative', name: '孙七' });
    expect(result.record.fields).toMatchObject({ xk_xklb: '核准', xk_jdrq: '2016-05-06', xk_xmmc: '建筑工程施工许可' });
  });
});

describe('values', () => {
  test.each([
    ['2024-03-05', '2024-03-05'],
    ['2024/3/5', '2024-03-05'],
    ['2024.3.5', '2024-03-05'],
    ['2024年3月5日', '2024-03-05'],
    ['20240305', '2024-03-05'],
    ['2024-03-05 00:00:00', '2024-03-05'],
    ['2024-03-05T10:20:30', '2024-03-05'],
    ['４５３５６', '2024-03-05'],
    ['45356', '2024-03-05'],
    ['45356.75', '2024-03-05'],
    ['2099/12/31', '2099-12-31'],
    ['2024-02-29', '2024-02-29'],
    ['2023-02-29', null],
    ['2024-13-01', null],
    ['2024', null],
    ['12345', null],
    ['2024-03-05T00:00:00Z', null],
    ['昨天', null],
  ])('parseDate(%j) → %j', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  test.each([
    ['0.5', '0.5'],
    ['0012.50', '12.5'],
    ['1,000.00', '1000'],
    ['12,345,678.123456', '12345678.123456'],
    ['.5', '0.5'],
    ['5万元', '5'],
    ['０.５', '0.5'],
    ['0', '0'],
    ['-1', null],
    ['1.2345678', null],
    ['5元', null],
    ['1,00', null],
    ['abc', null],
    ['', null],
  ])('parseAmount(%j) → %j', (input, expected) => {
    expect(parseAmount(input)).toBe(expected);
  });

  test('amounts: any whole number of fen written in 万元 comes back exactly, never through a float', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (fen) => {
        const integer = fen / 1_000_000n;
        const fraction = (fen % 1_000_000n).toString().padStart(6, '0');
        const canonical = fraction.replace(/0+$/, '') === '' ? `${integer}` : `${integer}.${fraction.replace(/0+$/, '')}`;
        expect(parseAmount(`${integer}.${fraction}`)).toBe(canonical);
      }),
    );
  });

  test('spreadsheet numbers: float artefacts vanish and decimals with up to 15 significant digits come back as written', () => {
    expect(decimalString(0.1 + 0.2)).toBe('0.3');
    expect(decimalString(4.10881199001011e17)).toBe('410881199001011000');
    expect(decimalString(-1.5e-7)).toBe('-0.00000015');
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }), fc.integer({ min: 0, max: 20 }), (digits, scale) => {
        const negative = digits < 0n;
        const abs = (negative ? -digits : digits).toString().padStart(scale + 1, '0');
        const written = scale === 0 ? abs : `${abs.slice(0, -scale)}.${abs.slice(-scale)}`;
        const canonical = written.includes('.') ? written.replace(/0+$/, '').replace(/\.$/, '') : written;
        const expected = digits === 0n ? '0' : `${negative ? '-' : ''}${canonical}`;
        expect(decimalString(Number(`${negative ? '-' : ''}${written}`))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
