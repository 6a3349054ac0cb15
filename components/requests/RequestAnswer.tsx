import { Expiry } from "@/components/ui/Expiry";
import type { AccessRequestView } from "@/lib/validation/access-request";
import { RequestStatus } from "./RequestStatus";

/** An access request's state and answer: its status, what was granted (and until when), the note, who answered. */
export function RequestAnswer({ request: r }: { request: AccessRequestView }) {
  return (
    <>
      <RequestStatus status={r.status} />
      {r.granted && (
        <div>
          Granted {r.granted.actions.join(", ")} on <span className="mono">{r.granted.repository}</span>
          {r.granted.expiresAt && (
            <>
              {" "}
              until <Expiry value={r.granted.expiresAt} />
            </>
          )}
        </div>
      )}
      {r.note && <div>“{r.note}”</div>}
      {r.decidedBy && <div className="muted">by {r.decidedBy}</div>}
    </>
  );
}
