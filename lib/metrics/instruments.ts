import client from "prom-client";

/**
 * Portcullis's Prometheus instruments, one set per process. They live on globalThis because Next.js
 * bundles its own copy of these modules next to server.ts's: both must count into the same series.
 *
 * Labels are bounded by construction: outcomes, reason codes, credential kinds, route templates and
 * check names, never usernames, repositories or addresses.
 */
function create() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const sources: Sources = {};
  const r = [registry];
  return {
    registry,
    sources,
    tokenRequests: new client.Counter({
      name: "portcullis_token_requests_total",
      help: "Registry token requests by outcome (granted, partial, denied, unauthorized, invalid, unavailable, error), reason code and kind of credential",
      labelNames: ["outcome", "reason", "credential"] as const,
      registers: r,
    }),
    tokenDuration: new client.Histogram({
      name: "portcullis_token_request_duration_seconds",
      help: "Time to answer a registry token request, audit commit included",
      labelNames: ["outcome"] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: r,
    }),
    credentialCache: new client.Counter({
      name: "portcullis_credential_cache_total",
      help: "Verified-password cache lookups (hit: argon2 skipped)",
      labelNames: ["result"] as const,
      registers: r,
    }),
    lockouts: new client.Counter({
      name: "portcullis_lockouts_total",
      help: "Lockouts started, per bucket kind (account+address, address, token)",
      labelNames: ["bucket"] as const,
      registers: r,
    }),
    throttled: new client.Counter({
      name: "portcullis_throttled_total",
      help: "Failed attempts whose answer was held back (slow-down before lockout)",
      registers: r,
    }),
    auditBatchSize: new client.Histogram({
      name: "portcullis_audit_batch_size",
      help: "Events written per audit group commit",
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
      registers: r,
    }),
    auditFlush: new client.Histogram({
      name: "portcullis_audit_flush_duration_seconds",
      help: "Time to commit one audit batch",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers: r,
    }),
    notifications: new client.Counter({
      name: "portcullis_registry_notifications_total",
      help: "Registry notification events: received (accepted by the endpoint), duplicate (already stored, dropped), refused (requests with a wrong secret or body)",
      labelNames: ["result"] as const,
      registers: r,
    }),
    registryChecks: new client.Counter({
      name: "portcullis_registry_checks_total",
      help: "Registry check results by check and status",
      labelNames: ["check", "status"] as const,
      registers: r,
    }),
    httpRequests: new client.Counter({
      name: "portcullis_http_requests_total",
      help: "HTTP requests by route template, method and status class",
      labelNames: ["route", "method", "status"] as const,
      registers: r,
    }),
    httpDuration: new client.Histogram({
      name: "portcullis_http_request_duration_seconds",
      help: "HTTP request duration by route template",
      labelNames: ["route"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: r,
    }),
    gauges: [
      new client.Gauge({
        name: "portcullis_password_hash_queue_depth",
        help: "Password checks waiting for an argon2 slot",
        registers: r,
        collect() {
          this.set(sum(sources.hashQueue));
        },
      }),
      new client.Gauge({
        name: "portcullis_audit_backlog",
        help: "Audit events waiting to be committed",
        registers: r,
        collect() {
          this.set(sum(sources.auditBacklog));
        },
      }),
      new client.Gauge({
        name: "portcullis_db_pool_connections",
        help: "Connections of the token endpoint's database pool, by state (total, idle, waiting: requests queued for one)",
        labelNames: ["state"] as const,
        registers: r,
        collect() {
          const s = sources.dbPool?.();
          for (const state of ["total", "idle", "waiting"] as const) this.set({ state }, s?.[state] ?? 0);
        },
      }),
    ],
  };
}

/**
 * What the gauges read when scraped; each module that owns the figure provides it. Queues are
 * lists: server.ts's modules and Next.js's bundle each hold one, and the gauge adds them up.
 */
export interface Sources {
  hashQueue?: (() => number)[];
  auditBacklog?: (() => number)[];
  dbPool?: () => { total: number; idle: number; waiting: number };
}

const sum = (reads: (() => number)[] | undefined) => (reads ?? []).reduce((n, read) => n + read(), 0);

const slot = globalThis as unknown as { __portcullisMetrics?: ReturnType<typeof create> };

export function metrics() {
  slot.__portcullisMetrics ??= create();
  return slot.__portcullisMetrics;
}

/** Called by the module that owns a queue, so the gauge can read it at scrape time. */
export function provideQueue(key: "hashQueue" | "auditBacklog", read: () => number): void {
  (metrics().sources[key] ??= []).push(read);
}

/** The database pool's figures, read at scrape time. */
export function provideDbPool(read: NonNullable<Sources["dbPool"]>): void {
  metrics().sources.dbPool = read;
}
