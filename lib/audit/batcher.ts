import { auditBody, recordBodies } from "./write";
import type { AuditInput } from "./types";
import { metrics, provideQueue } from "../metrics/instruments";
import { InFlight } from "../util/in-flight";

/**
 * Group commit for the token endpoint's decisions: requests arriving while writes are in flight
 * are written together in the next one. Each caller awaits its own event's commit, so nothing is
 * fire-and-forget: a response goes out only once its decision is on record.
 *
 * Up to `maxInFlight` writes may overlap, each on a connection of its own: the database orders
 * them on the chain's lock (held only while it works). The token endpoint uses one: measured under
 * PAT load at 16 connections, one writer gathers batches of ~7.5 events against ~4 for two, for
 * the same requests per second, and PostgreSQL spends ~30 % less CPU per event (the per-commit
 * work is most of it: 400 µs per event in batches of 4, 180 µs in batches of 16).
 */
export class AuditBatcher {
  private queue: { body: string; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private writing = new InFlight();

  constructor(
    private readonly write: (bodies: string[]) => Promise<unknown> = recordBodies,
    private readonly maxBatch = 500,
    private readonly maxInFlight = 1,
  ) {}

  /** Records an event, timed now unless it says when; resolves once it is committed. */
  record(event: AuditInput): Promise<void> {
    return this.recordBody(auditBody(event));
  }

  /** The same for an event already rendered (auditBody, or a template of it). */
  recordBody(body: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ body, resolve, reject });
      this.pump();
    });
  }

  /**
   * Starts writes up to the bound; each write, once it has stopped counting, pumps again for what
   * was recorded meanwhile (also what a caller woken by its commit recorded at once).
   */
  private pump(): void {
    while (this.writing.count < this.maxInFlight && this.queue.length > 0)
      void this.writing.run(() => this.flush(this.queue.splice(0, this.maxBatch))).then(() => this.pump());
  }

  private async flush(batch: AuditBatcher["queue"]): Promise<void> {
    const m = metrics();
    m.auditBatchSize.observe(batch.length);
    const stop = m.auditFlush.startTimer();
    try {
      await this.write(batch.map((b) => b.body));
      stop();
      batch.forEach((b) => b.resolve());
    } catch (err) {
      batch.forEach((b) => b.reject(err));
    }
  }

  /** Events waiting for their commit. */
  get backlog(): number {
    return this.queue.length;
  }

  /**
   * Resolves once every event recorded so far is written (or has failed): for shutdown. Between
   * two writes nothing is in flight for a moment, so it waits until nothing is queued either.
   */
  async drain(): Promise<void> {
    await this.writing.settled();
    while (this.queue.length > 0) {
      this.pump();
      await this.writing.settled();
    }
  }
}

const slot = globalThis as unknown as { __portcullisAudit?: AuditBatcher };
export function auditBatcher(): AuditBatcher {
  if (!slot.__portcullisAudit) {
    const batcher = new AuditBatcher();
    slot.__portcullisAudit = batcher;
    provideQueue("auditBacklog", () => batcher.backlog);
  }
  return slot.__portcullisAudit;
}
