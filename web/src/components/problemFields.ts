import type { FormInstance } from 'antd';
import { ApiError } from '../api/client.ts';

export type FieldPath = (string | number)[];

/**
 * A problem's field as a form name path: `body/item/fields/3/enumValues`, `fields[3].enumValues`
 * and `/fields/3/enumValues` all give `['fields', 3, 'enumValues']`. `strip` drops leading parts
 * that name the request rather than the form (`body`, and e.g. `item` for `{item, reason}` bodies).
 */
export function problemPath(field: string, strip: readonly string[] = []): FieldPath {
  const parts: FieldPath = field
    .split(/[/.[\]]/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const drop = ['body', 'querystring', ...strip];
  while (parts.length > 0 && typeof parts[0] === 'string' && drop.includes(parts[0])) parts.shift();
  return parts;
}

export interface LocatedProblem {
  path: FieldPath;
  message: string;
}

/**
 * Places the server's located errors under the form fields they name. `locate` turns a problem's
 * path into the form field that shows it (the same path, a parent that has a form item, or null).
 * Returns the problems no field could show, for an alert above the form.
 */
export function placeProblems<T>(form: FormInstance<T>, problems: readonly LocatedProblem[], locate: (path: FieldPath) => FieldPath | null): LocatedProblem[] {
  const byField = new Map<string, { name: FieldPath; errors: string[] }>();
  const unplaced: LocatedProblem[] = [];
  for (const problem of problems) {
    const name = locate(problem.path);
    if (!name) {
      unplaced.push(problem);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(problem.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map(({ name, errors }) => ({ name: name as never, errors })));
  return unplaced;
}

/** The located problems of a failed call: each `errors[]` entry with the server's message. */
export function problemsOf(error: unknown, strip: readonly string[] = []): LocatedProblem[] {
  if (!(error instanceof ApiError)) return [];
  return (error.problem?.errors ?? []).map((e) => ({ path: problemPath(e.field, strip), message: e.message || e.reason }));
}

/**
 * For flat forms: places a failed call's located errors under the named fields. True when an alert
 * above the form is still needed — some error names no field of the form, or none was located.
 */
export function placeUnderFields<T>(form: FormInstance<T>, error: unknown, fields: readonly string[]): boolean {
  const problems = problemsOf(error);
  return problems.length === 0 || placeProblems(form, problems, byFieldName(fields)).length > 0;
}

/** A `locate` for flat forms: a problem goes under the form field its path ends with, when the form has one. */
export function byFieldName(fields: readonly string[]): (path: FieldPath) => FieldPath | null {
  return (path) => {
    const last = path[path.length - 1];
    return typeof last === 'string' && fields.includes(last) ? [last] : null;
  };
}
