"use client";

import { ErrorNote } from "@/components/ui/ErrorNote";
import { useVerifyChain } from "@/lib/query/audit";

/** Verify the hash chain (and the newest signed checkpoint) and download the checkpoint to keep. */
export function VerifyChain() {
  const verify = useVerifyChain();
  return (
    <>
      <span className="row">
        <button type="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
          {verify.isPending ? "Verifying…" : "Verify the chain"}
        </button>
        {verify.data && (
          <span role="status" data-testid="verify-result" className={`badge ${verify.data.ok ? "ok" : "danger"}`}>
            {verify.data.ok
              ? `intact: ${verify.data.checked} events`
              : verify.data.firstBroken
                ? `broken at event ${verify.data.firstBroken.id} (${verify.data.firstBroken.problem})`
                : "the log does not match its signed checkpoint"}
          </span>
        )}
        {verify.data?.checkpoint && (
          <span className="muted" data-testid="verify-checkpoint">
            {verify.data.checkpoint.detail}
          </span>
        )}
        <a href="/api/v1/audit-events/checkpoint" download="portcullis-audit-checkpoint.json">
          Download the signed checkpoint
        </a>
      </span>
      <ErrorNote error={verify.error} />
    </>
  );
}
