/**
 * Runs at most `max` tasks at once; the rest wait in arrival order. Used to keep CPU-heavy work
 * (password hashing) off at least one core, so the event loop always has a core to answer on.
 */
export class Limiter {
  private running = 0;
  private waiting: (() => void)[] = [];

  constructor(readonly max: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  get queued(): number {
    return this.waiting.length;
  }
}
