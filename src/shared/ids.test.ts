import { expect, test } from 'vitest';
import { newId } from './ids.ts';
import { pooledRandomBytes } from './random.ts';

test('ids are unique UUIDv7 and sort in the order they were made, many per millisecond', () => {
  const ids = Array.from({ length: 50_000 }, () => newId());
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual(ids);
  for (const id of ids.slice(0, 100)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('pooled random bytes never hand out the same bytes twice, across pool refills', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 10_000; i++) seen.add(pooledRandomBytes(16).toString('hex'));
  expect(seen.size).toBe(10_000);
  expect(pooledRandomBytes(100_000)).toHaveLength(100_000);
});
