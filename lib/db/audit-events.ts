import { sql } from "./client";
import { operationOutcomeSql, type Operation, type Outcome } from "./audit-operations";

/**
 * Reading the audit log: one SQL filter shared by the page, the export, the chart and the
 * top lists, so what an auditor filters is exactly what they count and download.
 */
export interface AuditFilter {
  from?: Date;
  to?: Date;
  actor?: string;
  repository?: string;
  /** Match the repository as a prefix ("team/" finds team/app and team/web). */
  repositoryPrefix?: boolean;
  tag?: string;
  /** Exact ("token.issue") or a family ending in "." ("registry."). */
  action?: string;
  /** pull, push, delete (asked in a token request, or done at the registry), catalog, sign-in, change. */
  operation?: Operation;
  /** With an operation, that action's own outcome ("denied" push: asked and not granted, even in a partial decision). */
  outcome?: Outcome;
  /** "password", "session", "token:<id>"… */
  credential?: string;
  /** Free text in the reason. */
  q?: string;
  /**
   * Only events of repositories inside these namespaces (a team maintainer's view): each a grant
   * pattern, and the `service` of the one registry it is on (null: any). Empty: no events at all.
   */
  within?: { pattern: string; service: string | null }[];
}

export interface AuditRow {
  id: string;
  time: string;
  actorId: string | null;
  actorName: string | null;
  actorKind: string;
  credential: string | null;
  action: string;
  outcome: string;
  reason: string | null;
  repository: string | null;
  tag: string | null;
  digest: string | null;
  requested: unknown;
  granted: unknown;
  details: unknown;
  clientIp: string | null;
  userAgent: string | null;
  requestId: string | null;
  externalId: string | null;
  prevHash: string | null;
  hash: string | null;
}

/** Times as ISO strings in UTC, ids as strings: the same on PostgreSQL and PGlite, whatever the process's time zone. */
export const AUDIT_COLUMNS = `id::text AS id, to_char(time, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS time, "actorId", "actorName", "actorKind",
  credential, action, outcome, reason, repository, tag, digest, requested, granted, details, "clientIp", "userAgent",
  "requestId", "externalId", "prevHash", hash`;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Ids per block of the time map (the AuditTimeBlock table, kept by a trigger). */
const TIME_BLOCK = 10_000;

/**
 * The ids a time range can hold, from the time map: the span of the blocks whose earliest and
 * latest times meet the range. A superset of the range's events (never a subset: every event's
 * block spans its time), so added to the time conditions it changes no answer, only the plan: the
 * primary key (or a filter's index ending in id) is read from the range's last id down.
 */
function timeBlocksSql(from: string | undefined, to: string | undefined): string {
  const meets = [from && `"maxTime" >= ${from}`, to && `"minTime" < ${to}`].filter(Boolean).join(" AND ");
  return `"AuditEvent".id BETWEEN (SELECT COALESCE(min(block) * ${TIME_BLOCK}, 0) FROM "AuditTimeBlock" WHERE ${meets})
    AND (SELECT COALESCE(max(block) * ${TIME_BLOCK} + ${TIME_BLOCK - 1}, -1) FROM "AuditTimeBlock" WHERE ${meets})`;
}

/** The WHERE clause for a filter; parameters are numbered from `params.length + 1`. */
export function auditWhereSql(f: AuditFilter, params: unknown[]): string {
  const clauses: string[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.from || f.to) {
    const from = f.from && `${p(f.from.toISOString())}::timestamptz AT TIME ZONE 'UTC'`;
    const to = f.to && `${p(f.to.toISOString())}::timestamptz AT TIME ZONE 'UTC'`;
    if (from) clauses.push(`time >= ${from}`);
    if (to) clauses.push(`time < ${to}`);
    clauses.push(timeBlocksSql(from, to));
  }
  if (f.actor) clauses.push(`"actorName" = ${p(f.actor)}`);
  if (f.repository)
    clauses.push(
      f.repositoryPrefix ? `repository LIKE ${p(`${likeEscape(f.repository)}%`)}` : `repository = ${p(f.repository)}`,
    );
  if (f.tag) clauses.push(`tag = ${p(f.tag)}`);
  if (f.action)
    clauses.push(f.action.endsWith(".") ? `action LIKE ${p(`${likeEscape(f.action)}%`)}` : `action = ${p(f.action)}`);
  const opOutcome = operationOutcomeSql(f.operation, f.outcome, p);
  if (opOutcome) clauses.push(opOutcome);
  if (f.credential) clauses.push(`credential = ${p(f.credential)}`);
  if (f.q) clauses.push(`reason ILIKE ${p(`%${likeEscape(f.q)}%`)}`);
  if (f.within) {
    // "*" in a pattern is one or more characters of any kind: LIKE's "_%".
    const any = f.within.map(
      (ns) =>
        `(repository LIKE ${p(likeEscape(ns.pattern).replaceAll("*", "_%"))}` +
        (ns.service === null ? ")" : ` AND details->>'service' = ${p(ns.service)})`),
    );
    clauses.push(any.length ? `(${any.join(" OR ")})` : "FALSE");
  }
  return clauses.length ? clauses.join(" AND ") : "TRUE";
}

/** A prefix or namespaces matching more names than this are common enough for one walk of the log. */
const REPOSITORY_FANOUT = 200;

/**
 * The exact repository names a prefix or a maintainer's namespaces select (from AuditRepository,
 * kept by the audit trigger), each with the registries (`service`) its namespaces are on (null:
 * any registry); or null: no such filter, or too many names to read one by one.
 */
async function repositoryNames(f: AuditFilter): Promise<{ name: string; services: string | null }[] | null> {
  const prefix = f.repository && f.repositoryPrefix ? f.repository : null;
  if (prefix === null && !f.within) return null;
  if (f.within?.length === 0) return [];
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  const byPrefix = prefix === null ? "TRUE" : `name LIKE ${p(`${likeEscape(prefix)}%`)}`;
  const rows = f.within
    ? await sql().query<{ name: string; services: string | null }>(
        `SELECT name, CASE WHEN bool_or(svc IS NULL) THEN NULL ELSE json_agg(svc)::text END AS services
           FROM "AuditRepository" JOIN (VALUES ${f.within
             .map((ns) => `(${p(likeEscape(ns.pattern).replaceAll("*", "_%"))}::text, ${p(ns.service)}::text)`)
             .join(", ")}) w(pattern, svc) ON name LIKE w.pattern
          WHERE ${byPrefix} GROUP BY name LIMIT ${REPOSITORY_FANOUT + 1}`,
        params,
        { prepare: false },
      )
    : await sql().query<{ name: string; services: string | null }>(
        `SELECT name, NULL AS services FROM "AuditRepository" WHERE ${byPrefix} LIMIT ${REPOSITORY_FANOUT + 1}`,
        params,
        { prepare: false },
      );
  return rows.length > REPOSITORY_FANOUT ? null : rows;
}

/**
 * Newest first, keyset-paginated on the id: a page 10,000 rows deep costs what the first does.
 * A repository prefix or namespaces are read name by name, each newest first through the
 * (repository, id) index, and merged: a prefix that matches little costs little too. Each name's
 * read carries only the other conditions (the name already satisfies the prefix and namespaces),
 * so the planner counts on the name's own rows and walks its index.
 */
export async function listAuditEvents(f: AuditFilter, opts: { before?: bigint; limit: number }) {
  const names = await repositoryNames(f);
  if (names?.length === 0) return { events: [], nextCursor: null };
  const actions = names && f.action ? await actionsOf(f.action) : null;
  if (actions?.length === 0) return { events: [], nextCursor: null };
  // Each name with each action (when an action is asked, and the pairs are few): then every read
  // walks the (repository, action, id) index and finds its rows however rare the pair.
  const pairs =
    names && actions && names.length * actions.length <= PAIR_FANOUT
      ? names.flatMap((n) => actions.map((action) => ({ ...n, action })))
      : names?.map((n) => ({ ...n, action: null }));
  const params: unknown[] = [];
  const where = pairs
    ? auditWhereSql(
        {
          ...f,
          repository: undefined,
          repositoryPrefix: undefined,
          within: undefined,
          action: pairs[0].action === null ? f.action : undefined,
        },
        params,
      )
    : auditWhereSql(f, params);
  const cursor = opts.before ? ` AND id < ${(params.push(opts.before.toString()), `$${params.length}`)}::bigint` : "";
  params.push(opts.limit + 1);
  const limit = `$${params.length}`;
  let rows: AuditRow[];
  if (pairs) {
    params.push(
      pairs.map((n) => n.name),
      pairs.map((n) => n.services),
      pairs.map((n) => n.action),
    );
    const merged = await sql().query<AuditRow & { seq?: string }>(
      `SELECT e.* FROM unnest($${params.length - 2}::text[], $${params.length - 1}::text[], $${params.length}::text[])
                    AS r(name, services, action)
       CROSS JOIN LATERAL (
         SELECT "AuditEvent".id AS seq, ${AUDIT_COLUMNS} FROM "AuditEvent"
          WHERE repository = r.name${pairs[0].action === null ? "" : ` AND "AuditEvent".action = r.action`} AND ${where}${cursor}
            AND (r.services IS NULL OR details->>'service' IN (SELECT json_array_elements_text(r.services::json)))
          ORDER BY "AuditEvent".id DESC LIMIT ${limit}
       ) e ORDER BY e.seq DESC LIMIT ${limit}`,
      params,
      { prepare: false },
    );
    rows = merged.map(({ seq: _, ...row }) => row);
  } else {
    rows = await sql().query<AuditRow>(
      `SELECT ${AUDIT_COLUMNS} FROM "AuditEvent" WHERE ${where}${cursor} ORDER BY "AuditEvent".id DESC LIMIT ${limit}`,
      params,
      { prepare: false },
    );
  }
  const more = rows.length > opts.limit;
  const page = more ? rows.slice(0, opts.limit) : rows;
  return { events: page, nextCursor: more ? page[page.length - 1].id : null };
}

/** Name x action pairs read one by one at most. */
const PAIR_FANOUT = 400;

/**
 * The actions recorded that an action filter selects: itself, or for a family ("registry.") the
 * distinct actions of the log under it, found by skipping through the (action, id) index one
 * action at a time (a few dozen probes, whatever the log's size).
 */
async function actionsOf(action: string): Promise<string[]> {
  if (!action.endsWith(".")) return [action];
  const rows = await sql().query<{ action: string }>(
    `WITH RECURSIVE a(action) AS (
       (SELECT action FROM "AuditEvent" ORDER BY action LIMIT 1)
       UNION ALL
       SELECT (SELECT e.action FROM "AuditEvent" e WHERE e.action > a.action ORDER BY e.action LIMIT 1)
         FROM a WHERE a.action IS NOT NULL
     ) SELECT action FROM a WHERE action LIKE $1`,
    [`${likeEscape(action)}%`],
    { prepare: false },
  );
  return rows.map((r) => r.action);
}

export async function findAuditEvent(id: bigint): Promise<AuditRow | null> {
  const [row] = await sql().query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM "AuditEvent" WHERE id = $1::bigint`, [
    id.toString(),
  ]);
  return row ?? null;
}

export async function countAuditEvents(f: AuditFilter): Promise<number> {
  const params: unknown[] = [];
  const [row] = await sql().query<{ n: string }>(
    `SELECT count(*)::text AS n FROM "AuditEvent" WHERE ${auditWhereSql(f, params)}`,
    params,
    { prepare: false },
  );
  return Number(row.n);
}

export interface ActivityBucket {
  t: string;
  pushes: number;
  pulls: number;
  denials: number;
  total: number;
}

/** Pushes, pulls and denials per hour or day for the filter (the chart). */
export async function auditActivity(f: AuditFilter, bucket: "hour" | "day"): Promise<ActivityBucket[]> {
  const params: unknown[] = [];
  const where = auditWhereSql(f, params);
  return sql().query<ActivityBucket>(
    `SELECT to_char(date_trunc('${bucket === "hour" ? "hour" : "day"}', time), 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS t,
            count(*) FILTER (WHERE action = 'registry.push')::int AS pushes,
            count(*) FILTER (WHERE action = 'registry.pull')::int AS pulls,
            count(*) FILTER (WHERE outcome IN ('denied', 'partial'))::int AS denials,
            count(*)::int AS total
       FROM "AuditEvent" WHERE ${where} GROUP BY 1 ORDER BY 1 LIMIT 2000`,
    params,
    { prepare: false },
  );
}

/** The most denied subjects and repositories for the filter. */
export async function topDenied(f: AuditFilter, limit = 10) {
  const params: unknown[] = [];
  const where = `${auditWhereSql(f, params)} AND outcome IN ('denied', 'partial')`;
  const [subjects, repositories] = await Promise.all([
    sql().query<{ name: string; count: number }>(
      `SELECT COALESCE("actorName", '(anonymous)') AS name, count(*)::int AS count FROM "AuditEvent" WHERE ${where} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${limit}`,
      params,
      { prepare: false },
    ),
    sql().query<{ name: string; count: number }>(
      `SELECT repository AS name, count(*)::int AS count FROM "AuditEvent" WHERE ${where} AND repository IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${limit}`,
      params,
      { prepare: false },
    ),
  ]);
  return { subjects, repositories };
}

/** Every event of the filter in id order, `batch` rows per query (exports and chain checks stream through this). */
export async function* auditEventsAscending(f: AuditFilter, batch = 2000, afterId = 0n): AsyncGenerator<AuditRow[]> {
  let after = afterId;
  for (;;) {
    const params: unknown[] = [];
    const where = auditWhereSql(f, params);
    params.push(after.toString(), batch);
    const rows = await sql().query<AuditRow>(
      `SELECT ${AUDIT_COLUMNS} FROM "AuditEvent" WHERE ${where} AND id > $${params.length - 1}::bigint ORDER BY "AuditEvent".id LIMIT $${params.length}`,
      params,
      { prepare: false },
    );
    if (rows.length === 0) return;
    yield rows;
    after = BigInt(rows[rows.length - 1].id);
    if (rows.length < batch) return;
  }
}

/** A person's own refused requests, newest first: denied or partial token decisions and failed sign-ins. */
export function listRefusalsOf(username: string, limit: number): Promise<AuditRow[]> {
  return sql().query<AuditRow>(
    `SELECT ${AUDIT_COLUMNS} FROM "AuditEvent"
      WHERE "actorName" = $1
        AND ((action = 'token.issue' AND outcome IN ('denied', 'partial')) OR (action = 'session.sign_in' AND outcome = 'failure'))
      ORDER BY id DESC LIMIT $2`,
    [username, limit],
  );
}
