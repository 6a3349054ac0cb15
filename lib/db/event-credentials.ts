import type { CandidateDecision } from "../audit/attribution";
import { db, sql } from "./client";

/** A registry clock that runs behind ours still finds the decision made just before its event. */
const CLOCK_SLACK_SECONDS = 60;

/**
 * For each registry event (by id), the token decisions that may have authorised it, newest first:
 * the same subject and registry (`details.service`), granted or partly granted, recorded before
 * the event and no longer before it than `lifetimeSeconds` (a token's lifetime). At most 20 each.
 * The lower id bound comes from the time map, so a subject's long history is not walked.
 */
export async function decisionsBefore(
  eventIds: readonly string[],
  lifetimeSeconds: number,
): Promise<Map<string, CandidateDecision[]>> {
  const out = new Map<string, CandidateDecision[]>();
  if (eventIds.length === 0) return out;
  const rows = await sql().query<CandidateDecision & { event: string }>(
    `SELECT ev.id::text AS event, d.id::text AS id, to_char(d.time, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS time,
            d.credential, d."clientIp", d.granted
       FROM "AuditEvent" ev
       CROSS JOIN LATERAL (
         SELECT id, time, credential, "clientIp", granted FROM "AuditEvent" d
          WHERE d."actorName" = ev."actorName" AND d.action = 'token.issue' AND d.outcome IN ('granted', 'partial')
            AND d.id < ev.id
            AND d.id >= (SELECT COALESCE(min(block) * 10000, 0) FROM "AuditTimeBlock"
                          WHERE "maxTime" >= ev.time - make_interval(secs => $2::int))
            AND d.time >= ev.time - make_interval(secs => $2::int)
            AND d.time <= ev.time + make_interval(secs => ${CLOCK_SLACK_SECONDS})
            AND (d.details->>'service') IS NOT DISTINCT FROM (ev.details->>'service')
          ORDER BY d.id DESC LIMIT 20
       ) d
      WHERE ev.id = ANY($1::bigint[]) AND ev."actorName" IS NOT NULL
      ORDER BY ev.id, d.id DESC`,
    [eventIds, lifetimeSeconds + CLOCK_SLACK_SECONDS],
    { prepare: false },
  );
  for (const { event, ...d } of rows) out.set(event, [...(out.get(event) ?? []), d]);
  return out;
}

/** The ids that can be rows' uuids (an audit record's credential text is not trusted to be one). */
const uuidsIn = (ids: readonly string[]) => ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));

/** Names for "token:<id>" credentials: the token's name and prefix and whose it is (deleted tokens are absent). */
export async function tokenLabels(ids: readonly string[]) {
  const uuids = uuidsIn(ids);
  if (uuids.length === 0) return [];
  return db().accessToken.findMany({
    where: { id: { in: uuids } },
    select: {
      id: true,
      name: true,
      prefix: true,
      revokedAt: true,
      user: { select: { username: true } },
      serviceAccount: { select: { name: true } },
    },
  });
}

/** Names for "refresh_token:<id>" credentials: the signed-in client (deleted ones are absent). */
export async function refreshTokenLabels(ids: readonly string[]) {
  const uuids = uuidsIn(ids);
  if (uuids.length === 0) return [];
  return db().refreshToken.findMany({
    where: { id: { in: uuids } },
    select: {
      id: true,
      origin: true,
      deviceName: true,
      userAgent: true,
      clientIp: true,
      createdAt: true,
      revokedAt: true,
    },
  });
}
