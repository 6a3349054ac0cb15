import { recordAudit } from "./write";
import type { AuditInput } from "./types";
import { metrics, provideQueue } from "../metrics/instruments";

/**
 * Group commit for the token endpoint's decisions: requests arriving while writes are in flight
 * are written together in the next one. Each caller awaits its own event's commit, so nothing is
 * fire-and-forget: a response goes out only once its decision is on record.
 *
 * Up to `maxInFlight` writes overlap, each on a connection of its own: the database orders them
 * on the chain's lock (held only while it works), so while one commits the next is already
 * waiting there with its events, and the one after that gathers what arrives meanwhile.
 */
export class AuditBatcher {
  private queue: { event: AuditInput; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private inFlight = 0;
  private idle: (() => void)[] = [];

  constructor(
    private readonly write: (events: AuditInput[]) => Promise<unknown> = recordAudit,
    private readonly maxBatch = 500,
    private readonly maxInFlight = 2,
  ) {}

  record(event: AuditInput): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ event: { ...event, time: event.time ?? new Date() }, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      this.inFlight++;
      void this.flush(this.queue.splice(0, this.maxBatch)).finally(() => {
        this.inFlight--;
        this.pump();
        if (this.inFlight === 0) this.idle.splice(0).forEach((done) => done());
      });
    }
  }

  private async flush(batch: AuditBatcher["queue"]): Promise<void> {
    const m = metrics();
    m.auditBatchSize.observe(batch.length);
    const stop = m.auditFlush.startTimer();
    try {
      await this.write(batch.map((b) => b.event));
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

  /** Resolves once every event recorded so far is written (or has failed): for shutdown. */
  drain(): Promise<void> {
    return this.inFlight > 0 ? new Promise((resolve) => this.idle.push(resolve)) : Promise.resolve();
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
