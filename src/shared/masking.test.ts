import { describe, expect, it } from 'vitest';
import { maskCitizenCode, maskPersonName, maskingRules } from './masking.ts';

describe('maskPersonName', () => {
  it.each([
    ['张三', '张*'],
    ['张小明', '张**'],
    ['王', '*'],
    ['欧阳娜娜', '欧阳**'],
    ['欧阳修', '欧阳*'],
    ['司马相如', '司马**'],
    ['诸葛亮', '诸葛*'],
    ['上官婉儿', '上官**'],
    // Two characters: surname 欧, given name 阳.
    ['欧阳', '欧*'],
    // 单 and 宗 are single surnames here; 于/政 belong to the given name and stay hidden.
    ['单于飞', '单**'],
    ['宗政华', '宗**'],
    ['  李四 ', '李*'],
    // A character outside the Basic Multilingual Plane counts as one character.
    ['𠇔小明', '𠇔**'],
    ['', ''],
  ])('%s → %s', (name, masked) => {
    expect(maskPersonName(name)).toBe(masked);
  });

  it('masks the whole name when the rules say not to keep the surname', () => {
    const rules = { ...maskingRules, name: { ...maskingRules.name, keepSurname: false } };
    expect(maskPersonName('欧阳娜娜', rules)).toBe('****');
  });
});

describe('maskCitizenCode', () => {
  it.each([
    ['419001199003071234', '419001********1234'],
    ['11010519491231002X', '110105********002X'],
    ['110105491231002', '110105*****1002'],
    ['1234567890', '**********'],
    ['', ''],
  ])('%s → %s', (code, masked) => {
    expect(maskCitizenCode(code)).toBe(masked);
  });

  it('follows the configured mask character and lengths', () => {
    const rules = { ...maskingRules, citizenCode: { keepFirst: 3, keepLast: 2, maskChar: '#' } };
    expect(maskCitizenCode('419001199003071234', rules)).toBe('419#############34');
  });
});
