"use client";

import type { AuditEventView } from "@/lib/validation/audit";
import { decisionTraces } from "@/lib/validation/terms";

/** For a denied or partial token decision: the recorded trace, and a link to replay it in the simulator. */
export function Trace({
  e,
}: {
  e: Pick<AuditEventView, "action" | "outcome" | "credential" | "actorName" | "repository" | "reason" | "details">;
}) {
  if (e.action !== "token.issue" || (e.outcome !== "denied" && e.outcome !== "partial")) return null;
  const decisions = decisionTraces(e.details);
  const token = e.credential?.startsWith("token:") ? e.credential.slice(6) : null;
  const denied = decisions
    .flatMap((d) => d.denied.map((x) => x.action))
    .filter((a) => ["pull", "push", "delete"].includes(a));
  const q = new URLSearchParams({
    ...(token ? { token } : e.actorName ? { user: e.actorName } : {}),
    ...(e.repository ? { repository: e.repository } : {}),
    ...(denied.length ? { actions: [...new Set(denied)].join(",") } : {}),
  });
  return (
    <details>
      <summary>Trace</summary>
      <ul data-testid="trace">
        {decisions.map((d) => (
          <li key={d.scope}>
            <code>{d.scope}</code>: granted {d.granted.join(", ") || "nothing"}
            {d.denied.map((x) => (
              <div key={x.action} className="muted">
                {x.action}: {x.reason}
              </div>
            ))}
          </li>
        ))}
        {decisions.length === 0 && <li className="muted">authentication failed: {e.reason}</li>}
      </ul>
      {(token || e.actorName) && <a href={`/access?${q}`}>Why? Check it in the simulator →</a>}
    </details>
  );
}
