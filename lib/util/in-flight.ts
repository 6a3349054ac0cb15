/**
 * Work in flight, counted, and who waits for there to be none (shutdown: the audit batcher's
 * writes, the token endpoint's answers).
 */
export class InFlight {
  private n = 0;
  private waiting: (() => void)[] = [];

  get count(): number {
    return this.n;
  }

  /** Counts `work` while it runs. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    this.n++;
    try {
      return await work();
    } finally {
      if (--this.n === 0) this.waiting.splice(0).forEach((done) => done());
    }
  }

  /** Resolves once nothing is in flight, or after `ms` if given. */
  settled(ms?: number): Promise<void> {
    if (this.n === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(resolve, ms);
      this.waiting.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
