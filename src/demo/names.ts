import type { SeededRandom } from './random.ts';

/**
 * Name material for synthetic people. Surnames carry weights roughly in proportion to their
 * share of the population (公安部户政管理研究中心《二〇二〇年全国姓名报告》 for the most common ones),
 * plus a few surnames common around 济源 (姬, 原, 卫) and compound surnames. Given names come from
 * common name characters and from names typical of the decade of birth. Every combination is
 * made up; none describes a real person.
 */
export const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 725], ['李', 719], ['张', 690], ['刘', 538], ['陈', 461], ['杨', 322], ['黄', 245], ['赵', 229], ['吴', 205], ['周', 197],
  ['徐', 153], ['孙', 151], ['马', 147], ['朱', 139], ['胡', 133], ['郭', 118], ['何', 117], ['林', 113], ['高', 112], ['罗', 105],
  ['郑', 101], ['梁', 98], ['谢', 92], ['宋', 86], ['唐', 82], ['许', 79], ['韩', 77], ['邓', 75], ['冯', 74], ['曹', 73],
  ['彭', 70], ['曾', 68], ['肖', 65], ['田', 64], ['董', 63], ['潘', 59], ['袁', 58], ['蔡', 57], ['蒋', 56], ['余', 55],
  ['于', 54], ['杜', 53], ['叶', 52], ['程', 51], ['魏', 50], ['苏', 49], ['吕', 48], ['丁', 47], ['任', 46], ['卢', 45],
  ['姚', 44], ['沈', 43], ['钟', 42], ['姜', 41], ['崔', 40], ['谭', 39], ['陆', 38], ['范', 37], ['汪', 36], ['廖', 35],
  ['石', 34], ['金', 33], ['贾', 33], ['夏', 32], ['付', 31], ['方', 30], ['邹', 29], ['白', 29], ['孟', 28], ['秦', 27],
  ['侯', 27], ['闫', 26], ['薛', 26], ['段', 25], ['雷', 24], ['史', 23], ['郝', 22], ['常', 21], ['牛', 18], ['翟', 16],
  // 济源: 姬, 原 and 卫 are far more common here than nationally.
  ['姬', 15], ['原', 12], ['卫', 10], ['苗', 10],
  ['欧阳', 6], ['司马', 2], ['诸葛', 1], ['上官', 1], ['司徒', 1],
];

const MALE_CHARS = [...'伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆旭宁龙林阳建国志文博豪轩然航睿泽晨昊宏峰亮东海成振德锋毅新春力永庆彬帅'];
const FEMALE_CHARS = [...'芳娜敏静丽艳娟霞秀英玲兰燕红梅琳雪倩颖婷欣怡雨涵佳琪诗思可馨语嫣晓慧萍洁璐妍蕾月莹凤丹蓉薇瑶悦彤'];

/** Two-character given names typical of the decade of birth, as `[born before, male names, female names]`. */
const NAMES_BY_ERA: readonly (readonly [number, readonly string[], readonly string[]])[] = [
  [1960, ['建国', '建华', '国庆', '国强', '志强', '德明', '振华', '文明', '福生', '保国', '卫东', '国华', '玉山', '树林', '长顺'], ['秀英', '桂兰', '秀兰', '玉兰', '桂英', '玉梅', '凤英', '淑珍', '素芬', '秀珍', '桂芳', '金花', '玉珍', '淑英', '凤兰']],
  [1990, ['建军', '卫国', '志刚', '海涛', '永刚', '红伟', '国伟', '晓东', '建伟', '少华', '新民', '海军', '立军', '伟东', '小龙'], ['丽娟', '红霞', '艳红', '秀梅', '丽萍', '海燕', '晓燕', '春梅', '彩霞', '玉霞', '晓红', '丽华', '小红', '艳丽', '慧敏']],
  [Infinity, ['子豪', '浩然', '宇航', '梓轩', '俊杰', '一鸣', '博文', '家豪', '皓轩', '子轩', '宇轩', '浩宇', '沐宸', '睿泽', '思远'], ['梓涵', '欣怡', '诗琪', '雨涵', '可馨', '子涵', '语嫣', '思雨', '一诺', '梦瑶', '佳怡', '雨欣', '若汐', '依诺', '紫涵']],
];

/** A plausible full name for a person of this sex born in this year. */
export function demoName(random: SeededRandom, sex: 'male' | 'female', birthYear: number): string {
  const surname = random.weighted(SURNAMES);
  const chars = sex === 'male' ? MALE_CHARS : FEMALE_CHARS;
  const roll = random.next();
  if (roll < 0.3) return surname + random.pick(chars);
  if (roll < 0.55) {
    const era = NAMES_BY_ERA.find(([before]) => birthYear < before)!;
    return surname + random.pick(sex === 'male' ? era[1] : era[2]);
  }
  return surname + random.pick(chars) + random.pick(chars);
}

/** Name material for synthetic organizations in 济源 (字号 characters, trades, shops, 街道 and 镇). */
export const TRADE_NAME_CHARS = [...'恒通豫丰鑫源华信宏达金利瑞祥兴盛联创安泰博远隆昌永顺嘉和润邦宇'];
/** 字号 taken from local landmarks. */
export const LOCAL_TRADE_NAMES = '王屋 太行 愚公 济水 沁园 天坛 中原 玉川 小浪底 五龙'.split(' ');
export const INDUSTRIES = '商贸 建筑工程 物流 食品 农业科技 机械制造 钢铁贸易 餐饮管理 信息技术 新能源 医药 物业服务 汽车销售 文化传媒 环保科技 铅锌冶炼 耐火材料 装饰工程'.split(' ');
export const SHOPS = '超市 饭店 五金店 药店 便利店 理发店 服装店 汽车修理部 水果店 烟酒店 面馆 烩面馆'.split(' ');
export const PLACES = '沁园街道 济水街道 北海街道 天坛街道 玉泉街道 承留镇 坡头镇 梨林镇 轵城镇 五龙口镇 克井镇 思礼镇 王屋镇 邵原镇 下冶镇 大峪镇'.split(' ');
/** Kinds of 民办非企业单位 (social organizations registered with 民政, codes beginning 52). */
export const NON_ENTERPRISE_UNITS = '幼儿园 养老服务中心 职业培训学校 社会工作服务中心 康复中心 艺术培训学校 社区服务中心'.split(' ');
