import { auditZhCN } from '../audit/messages.ts';
import { catalogZhCN } from '../catalog/messages.ts';
import { recordsZhCN } from '../records/messages.ts';
import { calendarZhCN } from '../calendar/messages.ts';
import { associationsZhCN } from '../associations/messages.ts';
import { listsZhCN } from '../lists/messages.ts';
import { objectionsZhCN } from '../objections/messages.ts';
import { challengesZhCN } from '../challenges/messages.ts';
import { sanctionsZhCN } from '../sanctions/messages.ts';
import { reportsZhCN } from '../reports/messages.ts';
import { portalZhCN } from '../portal/messages.ts';
import { citizenZhCN } from '../citizen/messages.ts';
import { repairZhCN } from '../repair/messages.ts';
import { exchangeZhCN } from '../exchange/messages.ts';

/**
 * Every string the web app shows, in Simplified Chinese (DESIGN.md decision 10: Chinese first).
 * `en-US.ts` is its English twin and must have exactly these keys. `{name}` marks a value
 * filled in by `t()`.
 */
export const zhCN = {
  'app.title': '诚信 · 个人公共信用信息平台',
  'app.name': '诚信 · 济源市个人公共信用信息平台',
  'app.shortName': '诚信',
  'app.footer': '济源市发展和改革委员会 · 个人公共信用信息平台',

  'lang.switchTo': 'English',
  'lang.switchLabel': '切换语言',

  'nav.overview': '概览',
  'nav.departments': '部门',
  'nav.users': '用户',
  'nav.portal': '门户首页',
  'nav.label': '主导航',
  'nav.account': '账号',
  'nav.password': '修改密码',
  'nav.twoFactor': '双因素认证',

  'role.platform_admin': '平台管理员',
  'role.dept_operator': '部门经办人',
  'role.dept_reviewer': '部门审核人',
  'role.auditor': '审计员',
  'role.citizen': '信用主体',
  'role.api_client': '接口客户端',

  'common.refresh': '刷新',
  'common.loading': '加载中…',
  'common.requestFailed': '请求失败，请稍后重试。',
  'common.networkError': '无法连接服务器，请检查网络后重试。',
  'common.cancel': '取消',
  'common.submit': '提交',
  'common.back': '返回',
  'common.notFound': '页面不存在',
  'common.notFoundDetail': '您访问的页面不存在或已被移除。',
  'common.forbidden': '无权访问',
  'common.forbiddenDetail': '您的账号没有访问此页面的权限。',
  'common.backHome': '返回首页',

  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.enterAdmin': '进入工作台',

  'login.title': '用户登录',
  'login.subtitle': '部门用户与平台管理员登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.usernameRequired': '请输入用户名',
  'login.passwordRequired': '请输入密码',
  'login.submit': '登录',
  'login.failed': '登录失败',
  'login.rateLimited': '登录尝试过于频繁，请稍后再试。',
  'login.backToPortal': '返回门户首页',
  'login.otp': '动态验证码',
  'login.otpHelp': '打开身份验证器应用，输入当前显示的 6 位数字',
  'login.otpRequired': '请输入动态验证码',
  'login.otpFormat': '动态验证码为 6 位数字',

  'welcome.title': '欢迎，{name}',
  'welcome.detail': '您已登录为{role}。您的账号暂无可用的管理功能；相关服务开放后将显示在左侧导航中。',

  'portal.heroTitle': '济源市个人公共信用信息平台',
  'portal.heroText':
    '平台依据《济源市人民政府办公室关于加强个人诚信体系建设的实施意见》（济政办〔2017〕55号）和《河南省社会信用条例》建设，归集、共享和公示自然人公共信用信息，支持守信激励、失信惩戒与信用修复。',
  'portal.searchTitle': '信用公示查询',
  'portal.noticeTitle': '通知公告',
  'portal.noticeEmpty': '暂无公告。',
  'portal.rightsTitle': '信用主体权利',
  'portal.rightsText': '信用主体可依法查询本人信用信息、了解查询记录，并对信息提出异议或申请信用修复。相关在线服务即将开放。',
  'portal.loginHint': '部门用户和平台管理员请登录后使用工作台。',
  'portal.comingSoon': '即将开放',

  'overview.title': '平台概览',
  'overview.persons': '自然人',
  'overview.organizations': '法人和其他组织',
  'overview.departments': '部门',
  'overview.users': '用户',
  'overview.updatedAt': '统计时间：{time}',
  'overview.autoRefresh': '每 10 秒自动刷新',
  'overview.autoRefreshPaused': '长时间无操作，自动刷新已暂停',
  'overview.chartTitle': '数量对比',
  'overview.chartLabel': '平台数据数量柱状图',
  'overview.overdue.title': '逾期督办',
  'overview.overdue.subtitle': '超过办理期限的异议和信用修复申请：期限届满次日提醒承办部门（一级），再过 {days} 个工作日仍未办结由平台信用办督办（二级）。',
  'overview.overdue.none': '暂无逾期事项',
  'overview.overdue.level1': '一级督办 · 提醒部门',
  'overview.overdue.level2': '二级督办 · 信用办督办',
  'overview.overdue.department': '承办部门',
  'overview.overdue.kind': '事项',
  'overview.overdue.kind.objection': '异议',
  'overview.overdue.kind.repair': '信用修复',
  'overview.overdue.dueOn': '办理期限',
  'overview.overdue.daysOverdue': '逾期天数',
  'overview.overdue.days': '{days} 天',
  'overview.overdue.level': '督办级别',
  'overview.overdue.open': '去办理',

  'departments.title': '部门',
  'departments.name': '部门名称',
  'departments.orgCode': '统一社会信用代码',
  'departments.total': '共 {count} 个部门',
  'departments.filter': '按名称或代码筛选',

  'users.title': '用户',
  'users.add': '新增用户',
  'users.username': '用户名',
  'users.displayName': '姓名',
  'users.role': '角色',
  'users.department': '所属部门',
  'users.organizationCode': '所属外部机构统一社会信用代码',
  'users.organizationCodeHelp': '银行、用人单位、征信机构等外部机构的业务系统填写，凭授权查询时核对；部门业务系统留空',
  'users.status': '状态',
  'users.createdAt': '创建时间',
  'users.status.active': '正常',
  'users.status.disabled': '已停用',
  'users.total': '共 {count} 个用户',
  'users.password': '初始密码',
  'users.usernameHelp': '3–64 位字母、数字或 _ . -',
  'users.usernameRequired': '请输入用户名',
  'users.usernameInvalid': '用户名须为 3–64 位字母、数字或 _ . -',
  'users.displayNameRequired': '请输入姓名',
  'users.roleRequired': '请选择角色',
  'users.departmentRequired': '部门用户须选择所属部门',
  'users.passwordRequired': '请输入初始密码',
  'users.created': '已创建用户 {username}',
  'users.createFailed': '创建用户失败',

  'twoFactor.title': '双因素认证',
  'twoFactor.requiredIntro': '按照网络安全等级保护要求（GB/T 22239-2019 8.1.4.1 d），管理员和审计员须以“密码 + 动态验证码”两种方式登录。完成设置前，您的账号只能进行本项设置。',
  'twoFactor.optionalIntro': '启用后，登录时除密码外还须输入身份验证器应用中的动态验证码，账号更安全。',
  'twoFactor.requiredNotice': '请先完成双因素认证设置，之后才能使用其他功能。',
  'twoFactor.startHint': '请先在手机上安装身份验证器应用（支持 TOTP 标准的应用均可），然后点击下方按钮生成密钥。',
  'twoFactor.start': '开始设置',
  'twoFactor.restart': '重新生成密钥',
  'twoFactor.scanTitle': '用身份验证器应用扫描二维码，或手动输入密钥',
  'twoFactor.qrLabel': '双因素认证密钥二维码',
  'twoFactor.secretLabel': '密钥',
  'twoFactor.uriLabel': '链接',
  'twoFactor.secretOnce': '密钥只显示这一次，请勿截图或转发；验证码每 {period} 秒更新一次。',
  'twoFactor.codeTitle': '输入应用中显示的 6 位验证码，确认启用',
  'twoFactor.code': '验证码',
  'twoFactor.confirm': '确认启用',
  'twoFactor.enabledTitle': '双因素认证已启用',
  'twoFactor.enabledDetail': '今后登录时，除密码外还须输入身份验证器应用中的动态验证码。',

  'password.title': '修改密码',
  'password.intro': '修改后，您在其他设备或浏览器上的登录将全部退出，当前登录保持有效。',
  'password.current': '当前密码',
  'password.new': '新密码',
  'password.newHelp': '须符合平台密码策略（最短长度、字符种类），不符合时会提示具体要求。',
  'password.repeat': '再次输入新密码',
  'password.currentRequired': '请输入当前密码',
  'password.newRequired': '请输入新密码',
  'password.repeatRequired': '请再次输入新密码',
  'password.mismatch': '两次输入的新密码不一致',
  'password.submit': '修改密码',
  'password.changed': '密码已修改，其他 {count} 个登录会话已退出',
  ...auditZhCN,
  ...catalogZhCN,
  ...recordsZhCN,
  ...calendarZhCN,
  ...associationsZhCN,
  ...listsZhCN,
  ...objectionsZhCN,
  ...challengesZhCN,
  ...sanctionsZhCN,
  ...reportsZhCN,
  ...portalZhCN,
  ...citizenZhCN,
  ...repairZhCN,
  ...exchangeZhCN,
} as const;

export type MessageKey = keyof typeof zhCN;
/** The shape every locale must fill: the same keys as zh-CN, each a string. */
export type Messages = Record<MessageKey, string>;
