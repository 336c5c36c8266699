import { codeRejectionMessages } from '../modules/identity/codes/messages.ts';
import { catalogMessages } from '../modules/catalog/messages.ts';
import { recordsMessages } from '../modules/records/messages.ts';
import { calendarMessages } from '../modules/calendar/messages.ts';
import { listsMessages } from '../modules/lists/messages.ts';
import { sanctionsMessages } from '../modules/sanctions/messages.ts';
import { disclosureMessages } from '../modules/disclosure/messages.ts';
import { repairMessages } from '../modules/repair/messages.ts';
import { objectionsMessages } from '../modules/objections/messages.ts';
import { challengesMessages } from '../modules/challenges/messages.ts';
import { exchangeMessages } from '../modules/exchange/messages.ts';
import { queriesMessages, reportsMessages } from '../modules/queries/messages.ts';

export type Language = 'zh' | 'en';
type Text = { zh: string; en: string };

/** Chinese first; English when the client's Accept-Language prefers it (DESIGN.md decision 10). */
export function languageOf(acceptLanguage: string | undefined): Language {
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}

/**
 * Messages for stable error codes. `{name}` is replaced by the error's facts. A code without an
 * entry falls back to its status text, so a missing message never hides an error.
 */
const MESSAGES: Record<string, Text> = {
  'common.not_found': { zh: '未找到请求的资源', en: 'The requested resource was not found' },
  'request.invalid': { zh: '请求内容不符合要求', en: 'The request is not valid' },
  'request.invalid_json': { zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  'request.body_too_large': { zh: '请求体过大（上限 {limit} 字节）', en: 'The request body is too large (limit {limit} bytes)' },
  'request.unsupported_media_type': { zh: '不支持的内容类型 {contentType}，请使用 application/json', en: 'Unsupported content type {contentType}; send application/json' },
  'request.empty_json_body': { zh: '声明为 JSON 的请求体为空', en: 'The JSON request body is empty' },
  'http.rate_limited': { zh: '请求过于频繁，请 {retryAfterSeconds} 秒后再试', en: 'Too many requests; try again in {retryAfterSeconds} seconds' },
  'http.method_not_allowed': { zh: '不支持该请求方法', en: 'Method not allowed' },
  'internal.error': { zh: '服务器内部错误，请稍后再试（请求编号 {requestId}）', en: 'Internal error; please try again later (request {requestId})' },
  'auth.unauthenticated': { zh: '请先登录', en: 'Please sign in first' },
  'auth.forbidden': { zh: '没有执行此操作的权限', en: 'You do not have permission for this action' },
  'auth.invalid_credentials': { zh: '用户名或密码错误', en: 'Wrong username or password' },
  'associations.not_an_association': {
    zh: '{departmentName}不是行业协会商会，没有会员名册',
    en: '{departmentName} is not an industry association and keeps no member register',
  },
  'associations.invalid_code': { zh: '第 {row} 位会员的证件号码无效：{detailZh}', en: 'Member {row}: the code is not valid: {detailEn}' },
  'associations.invalid_date': { zh: '第 {row} 位会员的日期“{value}”无效，应为 YYYY-MM-DD', en: 'Member {row}: the date "{value}" is not valid; use YYYY-MM-DD' },
  'accounts.department_not_found': { zh: '部门不存在', en: 'No such department' },
  'auth.locked': { zh: '登录失败次数过多，账号已锁定至 {lockedUntil}', en: 'Too many failed sign-ins; the account is locked until {lockedUntil}' },
  'auth.otp_required': { zh: '请输入身份验证器应用中的 6 位动态验证码', en: 'Enter the 6-digit code from your authenticator app' },
  'auth.otp_invalid': { zh: '动态验证码错误或已使用过，请输入最新的验证码', en: 'The code is wrong or was already used; enter the current code' },
  'auth.two_factor_already_enabled': { zh: '双因素认证已启用', en: 'Two-factor authentication is already on' },
  'auth.two_factor_not_started': { zh: '请先开始设置双因素认证', en: 'Start the two-factor setup first' },
  'auth.two_factor_code_invalid': { zh: '验证码不正确，请确认手机时间准确后输入最新的验证码', en: 'The code is not right; check the phone’s clock and enter the current code' },
  'auth.current_password_wrong': { zh: '当前密码不正确', en: 'The current password is wrong' },
  'user.password_unchanged': { zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' },
  'user.invalid_role': { zh: '角色无效', en: 'Unknown role' },
  'user.department_required': { zh: '部门用户必须指定所属部门', en: 'Department users need a department' },
  'user.department_not_allowed': { zh: '该角色不属于部门', en: 'This role does not belong to a department' },
  'user.unknown_department': { zh: '部门不存在', en: 'No such department' },
  'user.person_not_allowed': { zh: '只有信用主体账号才能关联本人身份', en: 'Only citizen accounts are linked to a person' },
  'user.organization_not_allowed': { zh: '只有 API 客户端账号才能代表外部机构', en: 'Only API client accounts act for an external organization' },
  'user.organization_with_department': { zh: '部门系统账号代表本部门，不能同时代表外部机构', en: 'A department system acts for its department and cannot also act for an external organization' },
  'user.unknown_person': { zh: '平台中没有该公民身份号码对应的自然人', en: 'No person with this citizen code is known to the platform' },
  'user.username_taken': { zh: '登录名 {username} 已被使用', en: 'The username {username} is taken' },
  'user.password_too_short': { zh: '密码至少需要 {minLength} 个字符', en: 'The password needs at least {minLength} characters' },
  'user.password_too_simple': {
    zh: '密码需包含大写字母、小写字母、数字、符号中的至少 {minClasses} 类',
    en: 'The password needs at least {minClasses} of: upper-case, lower-case, digits, symbols',
  },
  'department.not_found': { zh: '部门不存在', en: 'No such department' },
  'person.not_found': { zh: '未找到该自然人', en: 'No person with this code' },
  'organization.not_found': { zh: '未找到该组织', en: 'No organization with this code' },
  'audit.no_such_heads': { zh: '没有大小为 {from} 和 {to} 的签名树头', en: 'No signed tree heads of sizes {from} and {to}' },
  'audit.no_own_log': { zh: '该账号未关联信用主体，没有本人查询记录', en: 'This account is not linked to a person, so it has no access log of its own' },
  'audit.review_invalid_day': { zh: '日期格式应为 YYYY-MM-DD', en: 'The day must be a date written YYYY-MM-DD' },
  'audit.review_day_not_over': { zh: '{day} 尚未结束，只能审查已结束的日期（今天是 {today}）', en: '{day} is not over yet; only finished days can be reviewed (today is {today})' },
  'audit.finding_not_found': { zh: '未找到该审查发现', en: 'No such finding' },
  'audit.finding_changed': { zh: '该审查发现刚被他人修改，请刷新后重试', en: 'Someone else just reviewed this finding; reload and try again' },
  'audit.review_note_required': { zh: '审查意见至少需要 {minLength} 个字', en: 'The review note needs at least {minLength} characters' },
  'audit.review_own_finding': { zh: '不能审查与本人有关的审查发现', en: 'You cannot review a finding about yourself' },
  'audit.reviewer_required': { zh: '审查结论须由已登录的审计人员作出', en: 'A review conclusion must be made by a signed-in auditor' },
  'audit.review_rule_not_found': { zh: '审查规则 {key} 不存在', en: 'No review rule {key}' },
  'audit.review_rule_invalid': { zh: '审查规则 {key} 的参数无效', en: 'The parameters of review rule {key} are not valid' },
  'audit.review_rule_reason_required': { zh: '修改审查规则须说明理由（至少 {minLength} 个字）', en: 'Give a reason (at least {minLength} characters) for changing a review rule' },
  'audit.review_rule_changed': { zh: '审查规则 {key} 刚被他人修改，请刷新后重试', en: 'Review rule {key} was just changed by someone else; reload and try again' },
  'audit.retention_below_minimum': { zh: '审计日志保存期限不得少于 {minimum} 天（《网络安全法》第二十一条：网络日志留存不少于六个月）', en: 'Audit logs must be kept at least {minimum} days (Cybersecurity Law Art. 21: network logs are kept no less than six months)' },
  'audit.retention_reason_required': { zh: '缩短保存期限（当前 {current} 天）须说明理由', en: 'Give a reason for shortening the retention period (now {current} days)' },
  'audit.retention_invalid_days': { zh: '保存天数应为正整数', en: 'The retention must be a whole number of days' },
  'audit.retention_changed_concurrently': { zh: '保存期限刚被他人修改，请刷新后重试', en: 'The retention period was just changed by someone else; reload and try again' },
  'identity.name_required': { zh: '姓名或名称不能为空', en: 'The name must not be empty' },
};

for (const [code, text] of Object.entries(catalogMessages)) MESSAGES[code] = text;
for (const [code, text] of Object.entries(recordsMessages)) MESSAGES[code] = text;
for (const [code, text] of Object.entries(calendarMessages)) MESSAGES[code] = text;
for (const [code, text] of Object.entries(listsMessages)) MESSAGES[code] = text;
for (const [code, text] of Object.entries(sanctionsMessages)) MESSAGES[code] = text;
for (const [code, text] of Object.entries(disclosureMessages)) MESSAGES[code] = text;
for (const [code, text] of Object.entries(repairMessages)) MESSAGES[code] = text;
for (const [code, text] of Object.entries(objectionsMessages)) MESSAGES[code] = text;
for (const [code, text] of Object.entries(challengesMessages)) MESSAGES[code] = text;
for (const [code, text] of Object.entries(exchangeMessages)) MESSAGES[code] = text;
for (const [code, text] of Object.entries(reportsMessages)) MESSAGES[code] = text;
for (const [code, text] of Object.entries(queriesMessages)) MESSAGES[code] = text;

for (const [reason, text] of Object.entries(codeRejectionMessages)) {
  MESSAGES[`identity.citizen_code_${reason}`] = { zh: `公民身份号码无效：${text.zh}`, en: `Invalid citizen code: ${text.en}` };
  MESSAGES[`identity.org_code_${reason}`] = { zh: `统一社会信用代码无效：${text.zh}`, en: `Invalid unified social credit code: ${text.en}` };
}

/** Messages for JSON Schema keywords, so a validation error reads as a sentence about the field. */
const VALIDATION_MESSAGES: Record<string, Text> = {
  required: { zh: '缺少必填字段', en: 'is required' },
  finite: { zh: '数值超出范围', en: 'must be a finite number' },
  additionalProperties: { zh: '不允许的字段', en: 'is not an allowed field' },
  type: { zh: '类型错误，应为 {type}', en: 'must be of type {type}' },
  minLength: { zh: '长度不能少于 {limit}', en: 'must have at least {limit} characters' },
  maxLength: { zh: '长度不能超过 {limit}', en: 'must have at most {limit} characters' },
  pattern: { zh: '格式不正确', en: 'has the wrong format' },
  format: { zh: '格式不正确（应为 {format}）', en: 'must be a valid {format}' },
  minimum: { zh: '不能小于 {limit}', en: 'must be at least {limit}' },
  maximum: { zh: '不能大于 {limit}', en: 'must be at most {limit}' },
  const: { zh: '取值不在允许范围内', en: 'has a value that is not allowed' },
  enum: { zh: '取值不在允许范围内', en: 'has a value that is not allowed' },
  anyOf: { zh: '取值不在允许范围内', en: 'has a value that is not allowed' },
};

function fill(template: string, facts: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (facts[name] === undefined ? `{${name}}` : String(facts[name])));
}

export function messageFor(code: string, lang: Language, facts: Record<string, unknown> = {}): string | undefined {
  const text = MESSAGES[code];
  return text ? fill(text[lang], facts) : undefined;
}

export function validationMessage(keyword: string, lang: Language, params: Record<string, unknown>): string {
  const text = VALIDATION_MESSAGES[keyword];
  return text ? fill(text[lang], params) : keyword;
}

export function hasMessage(code: string): boolean {
  return code in MESSAGES;
}
