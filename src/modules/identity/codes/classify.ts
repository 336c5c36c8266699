import { parseCitizenCode, type CitizenCodeFacts, type CodeCheck } from './citizen-code.ts';
import { parseOrgCode, type OrgCodeFacts } from './org-code.ts';

/** Shaped like a citizen code: 15 digits (GB 11643-1989) or 17 digits and a digit or X (GB 11643-1999). */
const CITIZEN_SHAPE = /^(\d{15}|\d{17}[\dXx])$/;

/** Digits with an optional trailing X: a person's number typed wrongly rather than an organization's. */
const PERSON_LIKE = /^\d+[Xx]?$/;

/**
 * Decides whether a subject code (行政相对人代码, 证件号码) names a person or an organization and
 * validates it. An 18-digit string can be either, so a citizen-shaped code is read as a person
 * first and as an organization when only that reading is valid; when neither is valid the
 * failure of the more plausible reading is reported.
 */
export function classifySubjectCode(input: string, today: string): CodeCheck<CitizenCodeFacts | OrgCodeFacts> {
  const trimmed = input.trim();
  if (CITIZEN_SHAPE.test(trimmed)) {
    const asPerson = parseCitizenCode(trimmed, today);
    if (asPerson.ok) return asPerson;
    const asOrganization = parseOrgCode(trimmed);
    return asOrganization.ok ? asOrganization : asPerson;
  }
  return PERSON_LIKE.test(trimmed) ? parseCitizenCode(trimmed, today) : parseOrgCode(trimmed);
}
