import { regionName } from './regions.ts';

/** Why a code was refused. Checks run in this order and the first failure is reported. */
export type CodeRejection = 'length' | 'charset' | 'region' | 'birthdate' | 'checksum';

/**
 * The outcome of a code check: the facts the code carries, or the first rule it breaks with a
 * short, precise English `detail` for logs and the CLI ("check character should be 7, got 3").
 */
export type CodeCheck<T> = { ok: true; facts: T } | { ok: false; reason: CodeRejection; detail: string };

export interface CitizenCodeFacts {
  kind: 'person';
  /** The 18-character code, check character upper-case (legacy 15-digit numbers converted). */
  code: string;
  /** GB/T 2260 code of the county where the code was assigned. */
  regionCode: string;
  /** Full name of that division, e.g. 河南省济源市. */
  regionName: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  sex: 'male' | 'female';
  /** The input was a legacy 15-digit number (GB 11643-1989). */
  convertedFrom15: boolean;
}

// GB 11643-1999 §5.5 (ISO 7064 MOD 11-2): weight of position i (1–17) is 2^(18−i) mod 11;
// S = Σ digit × weight; the check character is "10X98765432"[S mod 11].
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/** Chengxin's plausibility floor, not part of the standard: nobody alive was born earlier. */
const EARLIEST_BIRTH_YEAR = 1890;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Validates a citizen code (公民身份号码) and reads what it says. `today` is the current date in
 * Asia/Shanghai (YYYY-MM-DD), from the injected clock: a birth date after it is refused.
 * Never throws for any `input`.
 */
export function parseCitizenCode(input: string, today: string): CodeCheck<CitizenCodeFacts> {
  if (!ISO_DATE.test(today)) throw new RangeError(`today must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  const chars = Array.from(input.trim());

  // GB 11643-1999 §5.1: 18 characters; GB 11643-1989: 15 digits.
  if (chars.length !== 18 && chars.length !== 15) {
    return reject('length', `expected 18 characters (or 15 digits), got ${chars.length}`);
  }
  const convertedFrom15 = chars.length === 15;

  // §5.1: 17 digits and a check character that is a digit or X (accepted in lower case).
  const digitCount = convertedFrom15 ? 15 : 17;
  for (let i = 0; i < digitCount; i++) {
    const char = chars[i] ?? '';
    if (!isDigit(char)) return reject('charset', `character ${i + 1} (${JSON.stringify(char)}) should be a digit`);
  }
  const given = convertedFrom15 ? '' : (chars[17] ?? '').toUpperCase();
  if (!convertedFrom15 && !isDigit(given) && given !== 'X') {
    return reject('charset', `character 18 (${JSON.stringify(chars[17])}) should be a digit or X`);
  }

  // A legacy number has a 2-digit year of the 1900s and no check character: insert "19".
  const digits = chars.slice(0, digitCount).join('');
  const first17 = convertedFrom15 ? `${digits.slice(0, 6)}19${digits.slice(6)}` : digits;

  // §5.2: the region code is a GB/T 2260 county-level (or higher) division.
  const regionCode = first17.slice(0, 6);
  const region = regionName(regionCode);
  if (region === null) return reject('region', `region code ${regionCode} is not a known GB/T 2260 division`);

  // §5.3: the birth date YYYYMMDD must be a calendar date, not in the future.
  const year = Number(first17.slice(6, 10));
  const month = Number(first17.slice(10, 12));
  const day = Number(first17.slice(12, 14));
  const birthDate = `${first17.slice(6, 10)}-${first17.slice(10, 12)}-${first17.slice(12, 14)}`;
  if (!isCalendarDate(year, month, day)) return reject('birthdate', `birth date ${birthDate} is not a calendar date`);
  if (year < EARLIEST_BIRTH_YEAR) return reject('birthdate', `birth date ${birthDate} is before ${EARLIEST_BIRTH_YEAR}`);
  if (birthDate > today) return reject('birthdate', `birth date ${birthDate} is after today (${today})`);

  // §5.5: the check character.
  const expected = checkCharacterFor(first17);
  if (!convertedFrom15 && given !== expected) {
    return reject('checksum', `check character should be ${expected}, got ${given}`);
  }

  return {
    ok: true,
    facts: {
      kind: 'person',
      code: first17 + expected,
      regionCode,
      regionName: region,
      birthDate,
      // §5.4: the sequence code (positions 15–17) is odd for men, even for women.
      sex: Number(first17.charAt(16)) % 2 === 1 ? 'male' : 'female',
      convertedFrom15,
    },
  };
}

/** The check character (0–9 or X) for the first 17 digits of a citizen code; GB 11643-1999 §5.5. */
export function checkCharacterFor(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`expected 17 digits, got ${JSON.stringify(first17)}`);
  let sum = 0;
  WEIGHTS.forEach((weight, i) => {
    sum += Number(first17.charAt(i)) * weight;
  });
  return CHECK_CHARACTERS.charAt(sum % 11);
}

/** A well-formed citizen code, for demo data and tests. `sequence` 0–999: odd male, even female. */
export function makeCitizenCode(regionCode: string, birthDate: string, sequence: number): string {
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError(`region code must be 6 digits, got ${JSON.stringify(regionCode)}`);
  if (!ISO_DATE.test(birthDate)) throw new RangeError(`birth date must be YYYY-MM-DD, got ${JSON.stringify(birthDate)}`);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError(`sequence must be a whole number 0–999, got ${sequence}`);
  }
  const first17 = regionCode + birthDate.replaceAll('-', '') + String(sequence).padStart(3, '0');
  return first17 + checkCharacterFor(first17);
}

function reject(reason: CodeRejection, detail: string): CodeCheck<never> {
  return { ok: false, reason, detail };
}

function isDigit(char: string): boolean {
  return char.length === 1 && char >= '0' && char <= '9';
}

/** Gregorian calendar: February has 29 days in years divisible by 4, except centuries not divisible by 400. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const isLeapYear = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = month === 2 ? (isLeapYear ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= daysInMonth;
}
