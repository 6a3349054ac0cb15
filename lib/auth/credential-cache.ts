import crypto from "node:crypto";

/**
 * A short-lived cache of verified passwords, so a CI fleet's repeated `docker login`s do not each
 * pay for argon2. Keyed by an HMAC (the password never sits in memory as a key); an entry is only
 * honoured while the account's stored hash is the one it was verified against, so a password
 * change or reset voids it at once; the caller re-checks `disabled` on every request.
 * Failures are never cached.
 */
export class CredentialCache {
  private entries = new Map<string, { userId: string; passwordHash: string; expires: number }>();

  constructor(
    private readonly key: string,
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 10_000,
  ) {}

  private id(username: string, password: string): string {
    return crypto.createHmac("sha256", this.key).update(username).update("\0").update(password).digest("base64url");
  }

  hit(username: string, password: string, current: { id: string; passwordHash: string }): boolean {
    const k = this.id(username, password);
    const e = this.entries.get(k);
    if (!e) return false;
    if (e.expires < Date.now() || e.userId !== current.id || e.passwordHash !== current.passwordHash) {
      this.entries.delete(k);
      return false;
    }
    return true;
  }

  remember(username: string, password: string, user: { id: string; passwordHash: string }): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) {
      const now = Date.now();
      for (const [k, e] of this.entries) if (e.expires < now) this.entries.delete(k);
      if (this.entries.size >= this.maxEntries) this.entries.clear();
    }
    this.entries.set(this.id(username, password), {
      userId: user.id,
      passwordHash: user.passwordHash,
      expires: Date.now() + this.ttlMs,
    });
  }

  private inflight = new Map<string, Promise<unknown>>();

  /**
   * One verification for identical credentials presented at once (a CI job's parallel pulls):
   * the first runs `work`, the others share its answer. So a burst of correct passwords is one
   * counted attempt (never a lockout of its own making) and one argon2 verification, not sixteen.
   */
  once<T>(username: string, password: string, scope: string, work: () => Promise<T>): Promise<T> {
    const k = `${this.id(username, password)}\0${scope}`;
    const pending = this.inflight.get(k);
    if (pending) return pending as Promise<T>;
    const p = work().finally(() => this.inflight.delete(k));
    this.inflight.set(k, p);
    return p;
  }

  forgetUser(userId: string): void {
    for (const [k, e] of this.entries) if (e.userId === userId) this.entries.delete(k);
  }
}
