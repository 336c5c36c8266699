/**
 * Chinese and English messages for the `reports.*` codes, registered in the HTTP message catalog
 * (`src/http/messages.ts`). `{name}` is filled from the error's facts.
 */
export const reportsMessages: Record<string, { zh: string; en: string }> = {
  'reports.person_not_found': { zh: '平台中没有该公民身份号码对应的自然人', en: 'No person with this citizen code is known to the platform' },
  'reports.line_not_found': { zh: '未在本人的信用报告中找到该项', en: 'No such line in your credit report' },
  'reports.no_own_person': { zh: '您的账号尚未关联本人身份，无法出具本人信用报告', en: 'Your account is not linked to a person, so there is no report of your own' },
  'reports.profession_required': { zh: '职业信用报告须选择重点职业', en: 'A professional report needs a key profession' },
  'reports.profession_not_allowed': { zh: '只有职业信用报告才能选择职业', en: 'Only a professional report takes a profession' },
  'reports.unknown_profession': { zh: '“{profession}”不是重点职业代码', en: '"{profession}" is not a key profession code' },
  'reports.unreadable_file': { zh: '无法读取上传的文件，请上传平台出具的 PDF 或 JSON 信用报告', en: 'The uploaded file cannot be read; upload a PDF or JSON credit report issued by the platform' },
};

/** Messages for the citizen centre, authorizations and authorized queries (`auth.oidc_*`, `authorizations.*`, `queries.*`). */
export const queriesMessages: Record<string, { zh: string; en: string }> = {
  'auth.oidc_not_configured': { zh: '本平台未配置实名登录', en: 'Real-name login is not configured on this platform' },
  'auth.oidc_unavailable': { zh: '暂时无法连接政务身份认证平台，请稍后再试', en: 'The identity provider cannot be reached; try again later' },
  'auth.oidc_state_missing': { zh: '登录会话已失效，请重新发起实名登录', en: 'The login session is gone; start the real-name login again' },
  'auth.oidc_state_invalid': { zh: '登录会话无效，请重新发起实名登录', en: 'The login session is not valid; start the real-name login again' },
  'auth.oidc_state_expired': { zh: '登录超时，请重新发起实名登录', en: 'The login took too long; start the real-name login again' },
  'auth.oidc_failed': { zh: '实名认证未通过（{detail}）', en: 'The real-name authentication failed ({detail})' },
  'auth.oidc_no_citizen_code': { zh: '身份认证平台未提供公民身份号码（声明 {claim}）', en: 'The identity provider sent no citizen code (claim {claim})' },
  'auth.oidc_no_name': { zh: '身份认证平台未提供姓名（声明 {claim}）', en: 'The identity provider sent no name (claim {claim})' },
  'auth.oidc_citizen_code_invalid': { zh: '身份认证平台提供的公民身份号码无效', en: 'The citizen code from the identity provider is not valid' },
  'auth.oidc_person_mismatch': { zh: '该实名账号已关联其他信用主体，请联系平台', en: 'This identity is already linked to another person; contact the platform' },
  'authorizations.no_own_person': { zh: '您的账号尚未关联本人身份，无法管理查询授权', en: 'Your account is not linked to a person, so it has no authorizations' },
  'authorizations.not_found': { zh: '未找到该授权书', en: 'No such authorization' },
  'authorizations.already_revoked': { zh: '该授权已撤销', en: 'This authorization is already revoked' },
  'authorizations.starts_in_past': { zh: '生效日期不能早于今天（{today}）', en: 'The first day cannot be before today ({today})' },
  'authorizations.ends_before_start': { zh: '截止日期不能早于生效日期', en: 'The last day cannot be before the first day' },
  'authorizations.too_long': { zh: '授权有效期最长 {max} 天', en: 'An authorization lasts at most {max} days' },
  'authorizations.too_many_uses': { zh: '授权查询次数最多 {max} 次', en: 'An authorization allows at most {max} queries' },
  'authorizations.unknown_item': { zh: '“{item}”不是目录中的信息项', en: '"{item}" is not a catalog item' },
  'authorizations.agency_blacklisted': { zh: '该机构已被列入征信机构黑名单，不能授权', en: 'This organization is on the credit-agency blacklist and cannot be authorized' },
  'queries.invalid_date': { zh: '日期“{value}”无效，应为 YYYY-MM-DD', en: 'The date "{value}" is not valid; use YYYY-MM-DD' },
  'queries.no_organization': { zh: '该账号既不代表外部机构也不属于政府部门，不能查询', en: 'This account acts for neither an external organization nor a department, so it cannot query' },
  'queries.authorization_required': { zh: '外部机构查询须提供本人授权书编号', en: 'An organization’s query needs the person’s authorization id' },
  'queries.authorization_not_for_departments': { zh: '政府部门按法定依据查询，不使用授权书', en: 'Departments query under a legal basis, not an authorization' },
  'queries.legal_basis_required': { zh: '政府部门查询须写明法定依据', en: 'A department’s query must state its legal basis' },
  'queries.authorization_not_found': { zh: '没有本机构查询该人的有效授权书', en: 'There is no authorization for your organization to query this person' },
  'queries.authorization_revoked': { zh: '该授权已被本人撤销', en: 'The person has revoked this authorization' },
  'queries.authorization_expired': { zh: '该授权已过期（截止 {validUntil}）', en: 'This authorization has expired (last day {validUntil})' },
  'queries.authorization_not_yet_valid': { zh: '该授权尚未生效（自 {validFrom} 起）', en: 'This authorization is not valid yet (from {validFrom})' },
  'queries.authorization_used_up': { zh: '该授权的 {maxUses} 次查询已用完', en: 'All {maxUses} queries of this authorization are used' },
  'queries.purpose_mismatch': { zh: '查询用途与授权约定的用途（{purpose}）不一致', en: 'The purpose differs from the one agreed in the authorization ({purpose})' },
  'queries.agency_blacklisted': { zh: '贵机构已被列入征信机构黑名单（{basis}），不得查询', en: 'Your organization is on the credit-agency blacklist ({basis}) and may not query' },
  'queries.blacklist_ends_before_start': { zh: '截止日期不能早于起始日期', en: 'The last day cannot be before the first day' },
  'queries.blacklist_entry_not_found': { zh: '未找到该黑名单记录', en: 'No such blacklist entry' },
  'queries.blacklist_already_lifted': { zh: '该黑名单记录已解除', en: 'This blacklist entry is already lifted' },
};
