/** The association pages' strings; merged into the locale dictionaries (`i18n/zh-CN.ts`, `i18n/en-US.ts`). */
export const associationsZhCN = {
  'nav.associationMembers': '会员名册',
  'associations.title': '会员名册',
  'associations.subtitle': '行业协会商会只能报送本会当前会员的信用信息（济政办〔2017〕55号（二）3）。不在名册或已退会的主体，报送时逐行退回。',
  'associations.add': '登记会员',
  'associations.leave': '登记退会',
  'associations.code': '公民身份号码或统一社会信用代码',
  'associations.name': '姓名或名称',
  'associations.memberNumber': '会员证号',
  'associations.joinedOn': '入会日期',
  'associations.leftOn': '退会日期',
  'associations.status': '状态',
  'associations.current': '会员',
  'associations.former': '已退会',
  'associations.saved': '已保存：新增 {added}，更新 {updated}',
  'associations.datePlaceholder': 'YYYY-MM-DD',
};

export const associationsEnUS: Record<keyof typeof associationsZhCN, string> = {
  'nav.associationMembers': 'Members',
  'associations.title': 'Member register',
  'associations.subtitle':
    'An industry association records credit information only about its current members (Jiyuan policy (二)3). Rows about anyone else, or a member who has left, are refused row by row.',
  'associations.add': 'Register a member',
  'associations.leave': 'Record leaving',
  'associations.code': 'Citizen code or unified social credit code',
  'associations.name': 'Name',
  'associations.memberNumber': 'Membership number',
  'associations.joinedOn': 'Member since',
  'associations.leftOn': 'Left on',
  'associations.status': 'Status',
  'associations.current': 'Member',
  'associations.former': 'Left',
  'associations.saved': 'Saved: {added} added, {updated} updated',
  'associations.datePlaceholder': 'YYYY-MM-DD',
};
