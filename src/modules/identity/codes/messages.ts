import type { CodeRejection } from './citizen-code.ts';

/** Chinese and English texts for each reason a citizen or organization code is refused (CLI and HTTP). */
export const codeRejectionMessages: Readonly<Record<CodeRejection, { zh: string; en: string }>> = {
  length: { zh: '位数不正确', en: 'wrong number of characters' },
  charset: { zh: '含有不允许的字符', en: 'contains a character that is not allowed' },
  region: { zh: '行政区划代码无效', en: 'not a known administrative region code' },
  birthdate: { zh: '出生日期无效', en: 'not a valid birth date' },
  checksum: { zh: '校验码错误', en: 'wrong check character' },
};
