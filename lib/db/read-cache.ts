import { readGeneration, stillCurrent } from "./change-feed";

/**
 * What the token endpoint read, reused until anything it depends on changes (lib/db/change-feed.ts):
 * an entry is kept only if no change came in while it was read, is dropped at the next change,
 * and is at most `maxAgeMs` old whatever happens (a bound even if a notification were lost).
 * While the change feed is not listening every call reads. Time-dependent checks (expiry, idle
 * time) are the caller's, made on every use.
 */
export class ReadCache<T> {
  private entries = new Map<string, { generation: number; at: number; value: T }>();

  constructor(
    private readonly maxEntries = 20_000,
    private readonly maxAgeMs = 60_000,
  ) {}

  async get(key: string, read: () => Promise<T>, reusable: (value: T) => boolean): Promise<T> {
    const generation = readGeneration();
    if (generation === null) return read();
    const hit = this.entries.get(key);
    if (hit && hit.generation === generation && Date.now() - hit.at < this.maxAgeMs) return hit.value;
    if (hit) this.entries.delete(key);
    const value = await read();
    if (reusable(value) && stillCurrent(generation)) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(key, { generation, at: Date.now(), value });
    }
    return value;
  }

  /** Drops what was read for `key` (this instance learned first-hand that it changed). */
  forget(key: string): void {
    this.entries.delete(key);
  }
}
