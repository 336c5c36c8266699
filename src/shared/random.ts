import { randomBytes } from 'node:crypto';

const POOL_BYTES = 64 * 1024;
let pool = Buffer.alloc(0);
let offset = 0;

/**
 * `n` bytes from the system CSPRNG, drawn 64 KiB at a time: on this platform's virtual machines a
 * call into the kernel's random source costs several microseconds, which dominated bulk
 * ingestion (an id per record, version and person, an IV per encrypted field). The same bytes as
 * `randomBytes`, fetched in bulk; a pool is replaced, never refilled, so a returned slice is
 * never handed out twice (Node's `randomUUID` keeps a similar cache).
 */
export function pooledRandomBytes(n: number): Buffer {
  if (n > POOL_BYTES) return randomBytes(n);
  if (offset + n > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + n);
  offset += n;
  return bytes;
}
