"use client";

import { useState } from "react";
import { ActionChecks, checkedActions } from "@/components/ui/ActionChecks";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { fieldText, SchemaForm } from "@/components/ui/SchemaForm";
import { useApproveAccessRequest, useDenyAccessRequest } from "@/lib/query/access-requests";
import type { AccessRequestView } from "@/lib/validation/access-request";

/** Approve as asked or narrower (pattern, actions, an end date), or decline with a note. */
export function AnswerRequest({ request: r }: { request: AccessRequestView }) {
  const [error, setError] = useState<string | null>(null);
  const approve = useApproveAccessRequest();
  const deny = useDenyAccessRequest();
  const done = { onError: (e: Error) => setError(e.message), onSuccess: () => setError(null) };
  return (
    <details>
      <summary>Answer…</summary>
      <ErrorNote error={error} />
      <SchemaForm
        aria-label={`Approve ${r.requester} on ${r.repository}`}
        schema={() => import("@/lib/validation/access-request").then((m) => m.approveAccessRequestInput)}
        read={(f) => ({
          repository: fieldText(f, "repository"),
          actions: checkedActions(f, "approve"),
          expiresAt: fieldText(f, "expiresAt") || undefined,
          note: fieldText(f, "note") || undefined,
        })}
        onMessage={setError}
        onValid={(body) => approve.mutate({ id: r.id, body }, done)}
      >
        <div className="field">
          <label htmlFor={`ap-repo-${r.id}`}>Grant on</label>
          <input id={`ap-repo-${r.id}`} name="repository" defaultValue={r.repository} />
        </div>
        <ActionChecks name="approve" checked={r.actions} only={r.actions} />
        <div className="field">
          <label htmlFor={`ap-until-${r.id}`}>Until (optional)</label>
          <input id={`ap-until-${r.id}`} name="expiresAt" type="date" />
        </div>
        <div className="field">
          <label htmlFor={`ap-note-${r.id}`}>Note (optional)</label>
          <input id={`ap-note-${r.id}`} name="note" maxLength={500} />
        </div>
        <button className="primary" type="submit" disabled={approve.isPending}>
          Approve
        </button>
      </SchemaForm>
      <SchemaForm
        aria-label={`Decline ${r.requester} on ${r.repository}`}
        schema={() => import("@/lib/validation/access-request").then((m) => m.denyAccessRequestInput)}
        read={(f) => ({ note: fieldText(f, "note") })}
        onMessage={setError}
        onValid={(body) => deny.mutate({ id: r.id, body }, done)}
        style={{ marginTop: 8 }}
      >
        <div className="field">
          <label htmlFor={`dn-note-${r.id}`}>Why not</label>
          <input id={`dn-note-${r.id}`} name="note" maxLength={500} />
        </div>
        <button className="danger" type="submit" disabled={deny.isPending}>
          Decline
        </button>
      </SchemaForm>
    </details>
  );
}
