import { recordAudit } from "./write";
import type { AuditInput } from "./types";
import { metrics, provideQueue } from "../metrics/instruments";

/**
 * Group commit for the token endpoint's decisions: requests arriving while a write is in flight
 * are written together in the next transaction. Each caller awaits its own event's commit, so
 * nothing is fire-and-forget: a response goes out only once its decision is on record.
 */
export class AuditBatcher {
  private queue: { event: AuditInput; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private flushing = false;
  private idle: (() => void)[] = [];

  constructor(
    private readonly write: (events: AuditInput[]) => Promise<unknown> = recordAudit,
    private readonly maxBatch = 500,
  ) {}

  record(event: AuditInput): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ event: { ...event, time: event.time ?? new Date() }, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
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
    this.flushing = false;
    this.idle.splice(0).forEach((done) => done());
  }

  /** Events waiting for their commit. */
  get backlog(): number {
    return this.queue.length;
  }

  /** Resolves once every event recorded so far is written (or has failed): for shutdown. */
  drain(): Promise<void> {
    return this.flushing ? new Promise((resolve) => this.idle.push(resolve)) : Promise.resolve();
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
