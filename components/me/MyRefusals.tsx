"use client";

import Link from "next/link";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { Time } from "@/components/ui/Time";
import { useMyRefusals } from "@/lib/query/me";

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
                {e.request && (
                  <Link
                    className="button"
                    href={`/me?${new URLSearchParams({ request: e.request.repository, actions: e.request.actions.join(",") })}#request-access`}
                  >
                    Request {e.request.actions.join(", ")} on {e.request.repository}
                  </Link>
                )}
              </div>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}
