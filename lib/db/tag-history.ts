import { AUDIT_COLUMNS, type AuditRow } from "./audit-events";
import { sql } from "./client";

export interface TagChange {
  id: string;
  time: string;
  actor: string | null;
  clientIp: string | null;
  tag: string;
  digest: string | null;
  previous: string | null;
  /** new: the tag appeared; overwrite: it moved to another digest; same: pushed again unchanged. */
  kind: "new" | "overwrite" | "same";
}

/**
 * Which digest each tag of a repository pointed to when, from the registry's push events (manifest
 * pushes carry the tag), with overwrites told apart from new tags and unchanged re-pushes.
 * Ordered by each event's own timestamp (the registry's), not by arrival: a notification
 * delivered late (retries, several registry instances) takes its place in time.
 */
export async function tagHistory(repository: string, tag?: string, limit = 200): Promise<TagChange[]> {
  const rows = await sql().query<Omit<TagChange, "kind">>(
    `SELECT * FROM (
       SELECT id::text AS id, to_char(time, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS time, "actorName" AS actor, "clientIp", tag, digest,
              lag(digest) OVER (PARTITION BY tag ORDER BY "AuditEvent".time, "AuditEvent".id) AS previous,
              "AuditEvent".time AS at, "AuditEvent".id AS seq
         FROM "AuditEvent"
        WHERE action = 'registry.push' AND repository = $1 AND tag IS NOT NULL ${tag ? "AND tag = $3" : ""}
     ) h ORDER BY at DESC, seq DESC LIMIT $2`,
    tag ? [repository, limit, tag] : [repository, limit],
  );
  return rows.map(({ id, time, actor, clientIp, tag, digest, previous }) => ({
    id,
    time,
    actor,
    clientIp,
    tag,
    digest,
    previous,
    kind: previous === null ? "new" : previous === digest ? "same" : "overwrite",
  }));
}

/** Token requests for pushing to the repository that were refused: "who tried and failed". */
export async function deniedPushes(repository: string, limit = 100): Promise<AuditRow[]> {
  return sql().query<AuditRow>(
    `SELECT ${AUDIT_COLUMNS} FROM "AuditEvent"
      WHERE action = 'token.issue' AND repository = $1 AND outcome IN ('denied', 'partial')
        AND EXISTS (SELECT 1 FROM jsonb_array_elements_text(requested) s WHERE s LIKE '%:%push%' OR s LIKE '%:*')
      ORDER BY "AuditEvent".id DESC LIMIT $2`,
    [repository, limit],
  );
}
