import type { PublicationRule, Severity } from '../catalog/index.ts';
import { publishedUntil } from '../sanctions/index.ts';

/** A publication period: first and last day (YYYY-MM-DD, Asia/Shanghai); `until` null = long-term. */
export interface PublicationWindow {
  from: string;
  until: string | null;
}

/**
 * A record's publication window under its catalog item's rule (《信用修复管理办法》: periods run from
 * the decision date and publication stops at the maximum), or null when the rule never publishes
 * it — including a severity that, as a rule, is not published (minor: `publishedByDefault` false).
 */
export function recordWindow(rule: PublicationRule, severity: Severity | null, decisionDate: string): PublicationWindow | null {
  if (rule.kind === 'by_severity' && severity !== null && rule.periods?.[severity]?.publishedByDefault === false) return null;
  const until = publishedUntil(rule, severity, decisionDate);
  return until === undefined ? null : { from: decisionDate, until };
}

/** Henan Art. 19 ¶3: a listed subject's disclosure lasts until removal from the list. */
export function extendedWhileListed(window: PublicationWindow, listedUntil: string | null | undefined): PublicationWindow {
  if (listedUntil === undefined || window.until === null) return window;
  if (listedUntil === null || listedUntil > window.until) return { from: window.from, until: listedUntil };
  return window;
}

/** Whether `today` lies within the window (both ends included). */
export const isOpenOn = (window: PublicationWindow, today: string): boolean => window.from <= today && (window.until === null || today <= window.until);

/**
 * Policy (四)10 as STANDARDS.md reads it: an act committed before the `adultAge` birthday is never
 * publicly disclosed. Dates compare as strings, so a 29 February birthday falls on 1 March in a
 * common year (the day after 28 February).
 */
export function isMinorAtAct(birthDate: string, actDate: string, adultAge: number): boolean {
  const birthday = `${String(Number(birthDate.slice(0, 4)) + adultAge).padStart(4, '0')}${birthDate.slice(4)}`;
  return actDate < birthday;
}
