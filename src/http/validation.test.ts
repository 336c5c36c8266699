import { describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import { validatorCompiler } from './validation.ts';

type Validate = ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; keyword: string }> | null };
const compile = (schema: object, httpPart: 'body' | 'querystring') => validatorCompiler({ schema, httpPart, url: '/x', method: 'POST' } as never) as unknown as Validate;

describe('validatorCompiler', () => {
  const schema = Type.Object({ version: Type.Integer({ minimum: 1 }), items: Type.Optional(Type.Array(Type.Object({ amount: Type.Number() }))) });

  it('refuses Infinity where a declared integer or number has no maximum, and says where', () => {
    const body = compile(schema, 'body');
    expect(body(JSON.parse('{"version": 1e309}'))).toBe(false);
    expect(body.errors).toEqual([expect.objectContaining({ instancePath: '/version', keyword: 'finite' })]);
    expect(body(JSON.parse('{"version": 2, "items": [{"amount": 1}, {"amount": -1e400}]}'))).toBe(false);
    expect(body.errors).toEqual([expect.objectContaining({ instancePath: '/items/1/amount', keyword: 'finite' })]);
    expect(body({ version: 2, items: [{ amount: 1.5 }] })).toBe(true);
    expect(body.errors).toBeNull();
  });

  it('refuses a query string that coerces to Infinity', () => {
    const query = compile(Type.Object({ offset: Type.Optional(Type.Integer({ minimum: 0 })) }), 'querystring');
    const data = { offset: '1e309' };
    expect(query(data)).toBe(false);
    expect(query.errors).toEqual([expect.objectContaining({ instancePath: '/offset', keyword: 'finite' })]);
    expect(query({ offset: '20' })).toBe(true);
  });

  it('keeps the schema’s own errors when the data is invalid anyway', () => {
    const body = compile(schema, 'body');
    expect(body({ version: 'x' })).toBe(false);
    expect(body.errors?.[0]).toMatchObject({ instancePath: '/version', keyword: 'type' });
  });
});
