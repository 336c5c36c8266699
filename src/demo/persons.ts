import { makeCitizenCode } from '../modules/identity/codes/index.ts';
import type { NewPerson } from '../modules/identity/index.ts';
import { demoName } from './names.ts';
import { SeededRandom } from './random.ts';

export interface DemoPerson extends NewPerson {
  sex: 'male' | 'female';
  /** YYYY-MM-DD, always before January 1st of the anchor year. */
  birthDate: string;
}

/** Persons per chunk: one `registerPersons` call (one transaction) each. */
export const DEMO_CHUNK = 5000;

/** Where the demo city's people got their citizen codes: mostly 济源 itself, then neighbouring Henan counties, then a few other provinces. */
const REGIONS: readonly (readonly [string, number])[] = [
  ['419001', 85], // 济源市
  ['410882', 2.5], // 焦作市沁阳市, next door
  ['410883', 2.5], // 焦作市孟州市, next door
  ['410811', 1.5], // 焦作市山阳区
  ['410102', 1.5], // 郑州市中原区
  ['410105', 2], // 郑州市金水区
  ['410302', 1.5], // 洛阳市老城区
  ['110105', 0.7], // 北京市朝阳区
  ['310104', 0.6], // 上海市徐汇区
  ['440106', 0.6], // 广州市天河区
  ['510107', 0.8], // 成都市武侯区
  ['130102', 0.8], // 石家庄市长安区
];
const REGION_CHOICES = REGIONS.map(([, weight], index) => [index, weight] as const);

/**
 * Age at the end of the year before the anchor year, in five-year bands weighted roughly like
 * China's population in the 2020 census (第七次全国人口普查; weights ≈ per mille of the population).
 * The oldest band stops at 89 so that nobody is older than 90 on any day of the anchor year.
 */
const AGE_BANDS: readonly (readonly [readonly [number, number], number])[] = [
  [[0, 4], 55], [[5, 9], 64], [[10, 14], 63], [[15, 19], 53], [[20, 24], 53], [[25, 29], 65],
  [[30, 34], 88], [[35, 39], 70], [[40, 44], 67], [[45, 49], 80], [[50, 54], 86], [[55, 59], 72],
  [[60, 64], 52], [[65, 69], 50], [[70, 74], 34], [[75, 79], 22], [[80, 84], 14], [[85, 89], 9],
];

const DAY_MS = 86_400_000;
const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
/** 'MM-DD' of each day of a year, for a leap year and a common year (faster than formatting Dates). */
const MONTH_DAYS = [false, true].map((leap) => {
  const days: string[] = [];
  for (let t = Date.UTC(leap ? 2000 : 2001, 0, 1); new Date(t).getUTCFullYear() === (leap ? 2000 : 2001); t += DAY_MS) days.push(new Date(t).toISOString().slice(5, 10));
  return days;
}) as [common: string[], leap: string[]];
/** Days from January 1st, 90 years before the anchor, to the anchor: at most 90 × 366. */
const DAY_SLOTS = 90 * 366;

/**
 * The year the demo city's ages are counted from: that of `today`. Anchoring to the year rather
 * than the day keeps a seed's persons identical all year, so re-running seed-demo next week adds
 * nothing; everyone is born before January 1st of that year and is 0–90 years old on any of its
 * days.
 */
export function demoAnchorYear(today: string): number {
  return Number(today.slice(0, 4));
}

/**
 * The demo persons for `seed`, lazily in chunks of `chunkSize` so that a million never sit in
 * memory as objects. Citizen codes are valid GB 11643 codes (sequence parity gives the sex, the
 * name matches it) and unique by region, birth date and sequence; only a set of small integers,
 * one per person, is remembered to keep them so. Deterministic: the same seed and anchor year
 * give the same persons in the same order.
 */
export function* demoPersons(seed: number, count: number, today: string, chunkSize = DEMO_CHUNK): Generator<DemoPerson[]> {
  const random = SeededRandom.stream(seed, 'persons');
  const anchorYear = demoAnchorYear(today);
  const firstDay = Date.UTC(anchorYear - 90, 0, 1);
  // (region, day, sequence) packed into one integer below 2^30, which V8 stores unboxed.
  const taken = new Set<number>();
  let chunk: DemoPerson[] = [];
  let made = 0;
  while (made < count) {
    const region = random.weighted(REGION_CHOICES);
    const ages = random.weighted(AGE_BANDS);
    const birthYear = anchorYear - 1 - random.int(ages[0], ages[1]);
    const days = MONTH_DAYS[isLeapYear(birthYear) ? 1 : 0];
    const dayOfYear = random.int(0, days.length - 1);
    const sequence = random.int(0, 999);
    const key = (region * DAY_SLOTS + (Date.UTC(birthYear, 0, 1) - firstDay) / DAY_MS + dayOfYear) * 1000 + sequence;
    if (taken.has(key)) continue;
    taken.add(key);
    // GB 11643-1999 §5.4: an odd sequence code is a man's, an even one a woman's.
    const sex = sequence % 2 === 1 ? 'male' : 'female';
    const birthDate = `${birthYear}-${days[dayOfYear]!}`;
    chunk.push({ code: makeCitizenCode(REGIONS[region]![0], birthDate, sequence), name: demoName(random, sex, birthYear), sex, birthDate, identityStatus: 'unverified' });
    made += 1;
    if (chunk.length === chunkSize) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
