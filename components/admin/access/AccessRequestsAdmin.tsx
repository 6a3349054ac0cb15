"use client";

import { useState } from "react";
import { RequestAnswer } from "@/components/requests/RequestAnswer";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { LoadMore } from "@/components/ui/LoadMore";
import { Time } from "@/components/ui/Time";
import { useAccessRequests } from "@/lib/query/access-requests";
import { ACCESS_REQUEST_STATUSES } from "@/lib/validation/terms";
import { AnswerRequest } from "./AnswerRequest";

/** People's requests for access: approve (as asked, or narrower, or for a while) or decline with a note. */
export function AccessRequestsAdmin({ canWrite }: { canWrite: boolean }) {
  const [status, setStatus] = useState("pending");
  const requests = useAccessRequests(status);
  const rows = requests.data?.pages.flatMap((p) => p.requests) ?? [];
  return (
    <div className="card" id="access-requests" data-testid="access-requests">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2>Access requests</h2>
        <div className="field">
          <label htmlFor="req-status">Status</label>
          <select id="req-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            {[...ACCESS_REQUEST_STATUSES, "all"].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorNote error={requests.error} />
      {requests.data && rows.length === 0 && (
        <p className="muted">{status === "pending" ? "Nobody is waiting for an answer." : `No ${status} requests.`}</p>
      )}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table aria-busy={requests.isFetching}>
            <thead>
              <tr>
                <th>Who</th>
                <th>Repositories</th>
                <th>Actions</th>
                <th>Why</th>
                <th>Asked</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-testid={`request-${r.requester}-${r.repository}`}>
                  <td className="mono">{r.requester}</td>
                  <td className="mono">{r.repository}</td>
                  <td>{r.actions.join(", ")}</td>
                  <td>{r.reason}</td>
                  <td>
                    <Time value={r.createdAt} />
                  </td>
                  <td>
                    <RequestAnswer request={r} />
                    {r.status === "pending" && canWrite && <AnswerRequest request={r} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore query={requests} label="More requests" />
    </div>
  );
}
