/**
 * Name material for synthetic people: common surnames weighted roughly by their share of the
 * population (公安部 name statistics), a few compound surnames, and common given-name characters.
 * Every combination is made up; none describes a real person.
 */
export const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 72], ['李', 70], ['张', 69], ['刘', 54], ['陈', 46], ['杨', 33], ['赵', 20], ['黄', 22], ['周', 19], ['吴', 18],
  ['徐', 14], ['孙', 13], ['胡', 11], ['朱', 11], ['高', 10], ['林', 10], ['何', 10], ['郭', 10], ['马', 9], ['罗', 7],
  ['梁', 7], ['宋', 6], ['郑', 6], ['谢', 6], ['韩', 5], ['唐', 5], ['冯', 5], ['于', 5], ['董', 5], ['萧', 4],
  ['程', 4], ['曹', 4], ['袁', 4], ['邓', 4], ['许', 4], ['傅', 4], ['沈', 4], ['曾', 4], ['彭', 4], ['吕', 3],
  ['苏', 3], ['卢', 3], ['蒋', 3], ['蔡', 3], ['贾', 3], ['丁', 3], ['魏', 3], ['薛', 3], ['叶', 3], ['阎', 3],
  ['段', 2], ['姬', 2], ['原', 2], ['牛', 2], ['范', 2], ['常', 2], ['卫', 2],
  ['欧阳', 1], ['司马', 0.5], ['诸葛', 0.3], ['上官', 0.3],
];

export const MALE_GIVEN = '伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林欢阳建国建华志强文博子豪梓轩浩然宇航'.split('');
export const FEMALE_GIVEN = '芳娜敏静丽艳娟霞秀英玲桂兰燕红梅琳雪倩颖婷欣怡雨涵梓涵佳琪诗琪思雨可馨语嫣晓敏慧'.split('');

/** Shop and company name material for synthetic organizations in 济源. */
export const TRADE_NAMES = '恒通 豫丰 王屋 济水 愚公 太行 沁园 鑫源 华信 宏达 金利 瑞祥 兴盛 联创 安泰 博远 中原 天坛 玉川 承留'.split(' ');
export const INDUSTRIES = '商贸 建筑工程 物流 食品 农业科技 机械制造 钢铁贸易 餐饮管理 信息技术 新能源 医药 物业服务 汽车销售 文化传媒 环保科技'.split(' ');
export const SHOPS = '超市 饭店 五金店 药店 便利店 理发店 服装店 修车行 水果店 烟酒店'.split(' ');
export const STREETS = '沁园 济水 北海 天坛 玉泉 承留 坡头 梨林 轵城 五龙口'.split(' ');
