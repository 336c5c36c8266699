import { v7 as uuidv7 } from 'uuid';
import { pooledRandomBytes } from './random.ts';

// uuid's own monotonic state is only used when it draws its own random bytes; ours come from a
// pool (see random.ts), so the same rule is kept here: within one millisecond the sequence counts up.
let lastMsecs = -Infinity;
let sequence = 0;

/** Time-ordered ids (UUIDv7, monotonic within this process), generated in the application so both engines behave alike. */
export function newId(): string {
  const random = pooledRandomBytes(16);
  const now = Date.now();
  if (now > lastMsecs) {
    lastMsecs = now;
    sequence = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
  } else {
    sequence = (sequence + 1) | 0;
    if (sequence === 0) lastMsecs += 1;
  }
  return uuidv7({ random, msecs: lastMsecs, seq: sequence });
}
