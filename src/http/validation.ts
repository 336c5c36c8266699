import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

const common: Options = { removeAdditional: false, allErrors: true, useDefaults: true, strict: false };

/**
 * Two validators: JSON bodies are checked as sent (a number where a string belongs is an error,
 * never silently converted), while querystrings, path parameters and headers arrive as text and
 * are coerced to the declared types.
 */
const bodyAjv = addFormats.default(new Ajv({ ...common, coerceTypes: false }));
const textAjv = addFormats.default(new Ajv({ ...common, coerceTypes: 'array' }));

/** The JSON pointer of the first number that is not finite (`1e309` parses and coerces to Infinity), or null. */
function nonFiniteAt(value: unknown, pointer = ''): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : pointer;
  // Raw bodies (uploads) are bytes, not numbers to check.
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return null;
  for (const [key, item] of Object.entries(value)) {
    const found = nonFiniteAt(item, `${pointer}/${key}`);
    if (found !== null) return found;
  }
  return null;
}

/**
 * JSON Schema's integer and number checks let Infinity through, and no database takes it: every
 * validated value must also be finite, whatever the route declared.
 */
export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const validate = (httpPart === 'body' ? bodyAjv : textAjv).compile(schema as object);
  const checked = (data: unknown) => {
    if (!validate(data)) {
      checked.errors = validate.errors;
      return false;
    }
    const at = nonFiniteAt(data);
    checked.errors = at === null ? null : [{ instancePath: at, schemaPath: '#/finite', keyword: 'finite', params: {}, message: 'must be a finite number' }];
    return at === null;
  };
  checked.errors = null as typeof validate.errors;
  return checked as unknown as ReturnType<FastifySchemaCompiler<unknown>>;
};
