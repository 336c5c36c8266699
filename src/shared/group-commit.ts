/**
 * Group commit (DESIGN.md decision 9): writes submitted while one batch is being committed, or in
 * the same turn of the event loop, are committed together by one call of `write` — one
 * transaction, one fsync — and each submitter's promise settles only once its batch is durable
 * (or failed). Throughput comes from sharing the fsync, never from acknowledging early.
 */
export class GroupCommit<T> {
  private pending: { item: T; done: (err?: unknown) => void }[] = [];
  private flushing: Promise<void> | null = null;

  constructor(private readonly write: (items: T[]) => Promise<void>) {}

  /** Resolves once `item` is committed with its batch; rejects with the batch's error. */
  submit(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, done: (err) => (err ? reject(err) : resolve()) });
      this.flushing ??= this.flushSoon();
    });
  }

  private async flushSoon(): Promise<void> {
    // Let writes from requests being handled in this turn of the event loop join the batch.
    await new Promise((r) => setImmediate(r));
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        await this.write(batch.map((p) => p.item));
        for (const p of batch) p.done();
      } catch (err) {
        for (const p of batch) p.done(err);
      }
    }
    this.flushing = null;
  }
}
