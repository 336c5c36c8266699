/**
 * A small seeded PRNG (mulberry32) so the demo city is the same for the same seed on every
 * machine and Node version. Not for anything secret.
 */
const cumulativeWeights = new WeakMap<object, Float64Array>();

export class SeededRandom {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /**
   * An independent stream for one part of the city (persons, organizations, users), so that
   * changing how organizations are drawn never changes the persons of the same seed.
   */
  static stream(seed: number, name: string): SeededRandom {
    // FNV-1a over the stream name, mixed with the seed by a murmur3 finalizer.
    let h = 0x811c9dc5;
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
    h ^= seed >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return new SeededRandom((h ^ (h >>> 16)) >>> 0);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(minInclusive: number, maxInclusive: number): number {
    return minInclusive + Math.floor(this.next() * (maxInclusive - minInclusive + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight: `[[item, weight], …]` (the running totals are computed once per list). */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let totals = cumulativeWeights.get(items);
    if (!totals) {
      totals = new Float64Array(items.length);
      let sum = 0;
      for (let i = 0; i < items.length; i++) totals[i] = sum += items[i]![1];
      cumulativeWeights.set(items, totals);
    }
    const roll = this.next() * totals[totals.length - 1]!;
    let i = 0;
    while (i < totals.length - 1 && roll >= totals[i]!) i++;
    return items[i]![0];
  }

  /** Shuffles in place (Fisher–Yates). */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}
