/**
 * Cell values as departments write them, turned into one canonical text each: ISO dates and
 * decimal strings. Money is never a float here (STYLE.md: decimal strings or integer fen).
 */

/** Excel shows and keeps 15 significant digits; more are binary noise (0.1 + 0.2). */
const EXCEL_SIGNIFICANT_DIGITS = 15;

/**
 * A number from a spreadsheet as plain decimal text, rounded to Excel's 15 significant digits
 * so that float artefacts disappear (0.30000000000000004 → "0.3") and never in exponent form
 * (4.10881199001011e+17 → "410881199001011000").
 */
export function decimalString(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  if (value === 0) return '0';
  const [mantissa = '0', exponentText = '0'] = value.toExponential(EXCEL_SIGNIFICANT_DIGITS - 1).split('e');
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '').replace(/0+$/, '') || '0';
  const integerDigits = Number(exponentText) + 1; // digits before the decimal point
  if (integerDigits <= 0) return `${sign}0.${'0'.repeat(-integerDigits)}${digits}`;
  if (integerDigits >= digits.length) return `${sign}${digits}${'0'.repeat(integerDigits - digits.length)}`;
  return `${sign}${digits.slice(0, integerDigits)}.${digits.slice(integerDigits)}`;
}

/** True when Excel has certainly dropped digits: more than 15 significant digits before the point. */
export function hasLostPrecision(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) >= 1e15;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

const NON_ASCII = /[^\x00-\x7f]/;

/** `transform(text)` only when the text has non-ASCII characters (NFKC is costly on a million rows). */
export function asciiOr(text: string, transform: (text: string) => string): string {
  return NON_ASCII.test(text) ? transform(text) : text;
}

const nfkc = (text: string) => text.normalize('NFKC');

export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** Years a date in these files can have; 2099-12-31 is the standard's "long-term" marker. */
const EARLIEST_YEAR = 1900;
const LATEST_YEAR = 2100;
/** Excel serial day numbers of 1950-01-01 and 2100-12-31: a bare number outside is not taken for a date. */
const SERIAL_MIN = 18_264;
const SERIAL_MAX = 73_415;
/** Day 0 of Excel's 1900 date system, counting its phantom 1900-02-29 (serials above 60). */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

const ISO_LIKE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const CHINESE = /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL = /^(\d{5})(?:\.\d+)?$/;

/**
 * A date as written in a 双公示 file, or null: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日,
 * 20240305, "2024-03-05 00:00:00" (the time is dropped), and Excel serial day numbers
 * (45356 → 2024-03-05) when the cell lost its date format. Zones are not accepted: a value
 * with one is ambiguous in Asia/Shanghai.
 */
export function parseDate(input: string): string | null {
  const text = asciiOr(input, nfkc).trim();
  const serial = SERIAL.exec(text);
  if (serial) {
    const days = Number(serial[1]);
    if (days < SERIAL_MIN || days > SERIAL_MAX) return null;
    return new Date(EXCEL_EPOCH_UTC + days * 86_400_000).toISOString().slice(0, 10);
  }
  const match = ISO_LIKE.exec(text) ?? CHINESE.exec(text) ?? COMPACT.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < EARLIEST_YEAR || year > LATEST_YEAR || !isCalendarDate(year, month, day)) return null;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** Smallest money unit in 万元: one fen is 0.000001 万元. */
const AMOUNT_DECIMALS = 6;
const AMOUNT = /^(?:(\d{1,3}(?:,\d{3})+)|(\d+))?(?:\.(\d+))?$/;

/**
 * An amount in 万元 (罚款金额, 没收金额) as a canonical decimal string, or null: digits with an
 * optional fraction of at most 6 places (a fen), thousands commas allowed, a trailing "万元"
 * allowed (the column's own unit; "元" is not, since it would be a different number).
 * "0012.50" → "12.5". Never a float.
 */
export function parseAmount(input: string): string | null {
  const text = asciiOr(input, nfkc).trim().replace(/万元$/, '').trim();
  if (text === '' || text === '.') return null;
  const match = AMOUNT.exec(text);
  if (!match) return null;
  const integerPart = (match[1] ?? match[2] ?? '0').replaceAll(',', '').replace(/^0+(?=\d)/, '');
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  if (fraction.length > AMOUNT_DECIMALS) return null;
  return fraction === '' ? integerPart : `${integerPart}.${fraction}`;
}
