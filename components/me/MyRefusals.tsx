"use client";

import Link from "next/link";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { Time } from "@/components/ui/Time";
import { useMyRefusals } from "@/lib/query/me";

/** The access requests that would fix one refusal: the missing actions, by repository. */
function asks(explanations: { request?: { repository: string; actions: string[] } }[]): [string, string[]][] {
  const by = new Map<string, Set<string>>();
  for (const e of explanations)
    if (e.request)
      e.request.actions.forEach((a) =>
        by.set(e.request!.repository, (by.get(e.request!.repository) ?? new Set()).add(a)),
      );
  return [...by].map(([repository, actions]) => [repository, [...actions].sort()]);
}

/** "Why was I denied?": my own recent refused requests, each with its cause and fix. */
export function MyRefusals() {
  const refusals = useMyRefusals();
  return (
    <div className="card" data-testid="my-refusals">
      <h2>Why was I denied?</h2>
      <p className="muted">Your own recent refused registry requests and failed sign-ins, newest first.</p>
      <ErrorNote error={refusals.error} />
      {refusals.data?.refusals.length === 0 && <p className="muted">Nothing refused recently.</p>}
      <ul style={{ listStyle: "none", padding: 0 }}>
        {refusals.data?.refusals.map((r) => (
          <li key={r.id} className="notice" style={{ marginBottom: 10 }}>
            <div className="muted">
              <Time value={r.time} /> · {r.action === "session.sign_in" ? "console sign-in" : "registry token"} ·{" "}
              {r.outcome}
              {r.clientIp ? ` · from ${r.clientIp}` : ""}
            </div>
            {r.explanations.map((e) => (
              <div key={e.summary}>
                <strong>{e.summary}</strong>
                <ul>
                  {e.fix.map((f) => (
                    <li key={f}>{f}</li>
                  ))}
                </ul>
              </div>
            ))}
            {asks(r.explanations).map(([repository, actions]) => (
              <Link
                key={repository}
                className="button"
                href={`/me?${new URLSearchParams({ request: repository, actions: actions.join(",") })}#request-access`}
              >
                Request {actions.join(", ")} on {repository}
              </Link>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}
