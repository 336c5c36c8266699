import masking from './seed/masking.json' with { type: 'json' };

/** How personal identifiers are masked on public pages (seed/masking.json, STANDARDS.md). */
export interface MaskingRules {
  name: {
    /** Show the surname; when false the whole name is masked. */
    keepSurname: boolean;
    maskChar: string;
    /** Two-character surnames (复姓) shown whole, e.g. 欧阳. */
    compoundSurnames: readonly string[];
  };
  citizenCode: { keepFirst: number; keepLast: number; maskChar: string };
}

export const maskingRules: MaskingRules = masking;

/**
 * A person's name for a public page: the surname stays, every other character becomes one mask
 * character (张三 → 张*, 欧阳娜娜 → 欧阳**). A one-character name is masked whole, and a
 * two-character name keeps only its first character even when it starts like a compound surname.
 */
export function maskPersonName(name: string, rules: MaskingRules = maskingRules): string {
  const { keepSurname, maskChar, compoundSurnames } = rules.name;
  const chars = Array.from(name.trim());
  let kept = 0;
  if (keepSurname && chars.length > 1) {
    kept = chars.length > 2 && compoundSurnames.includes(chars.slice(0, 2).join('')) ? 2 : 1;
  }
  return chars.slice(0, kept).join('') + maskChar.repeat(chars.length - kept);
}

/**
 * A citizen code for a public page: the first and last characters stay (419001********1234).
 * A value too short to keep both ends is masked whole.
 */
export function maskCitizenCode(code: string, rules: MaskingRules = maskingRules): string {
  const { keepFirst, keepLast, maskChar } = rules.citizenCode;
  const chars = Array.from(code.trim());
  if (chars.length <= keepFirst + keepLast) return maskChar.repeat(chars.length);
  const hidden = chars.length - keepFirst - keepLast;
  return chars.slice(0, keepFirst).join('') + maskChar.repeat(hidden) + chars.slice(chars.length - keepLast).join('');
}
