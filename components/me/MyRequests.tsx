"use client";

import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { LoadMore } from "@/components/ui/LoadMore";
import { Time } from "@/components/ui/Time";
import { useMyAccessRequests, useWithdrawAccessRequest } from "@/lib/query/access-requests";
import { RequestAnswer } from "@/components/requests/RequestAnswer";

/** My requests and their answers: approved (with what was granted), declined (with the note), waiting. */
export function MyRequests() {
  const requests = useMyAccessRequests();
  const withdraw = useWithdrawAccessRequest();
  const rows = requests.data?.pages.flatMap((p) => p.requests) ?? [];
  return (
    <div className="card" data-testid="my-requests">
      <h2>My requests</h2>
      <ErrorNote error={requests.error ?? withdraw.error} />
      {requests.data && rows.length === 0 && <p className="muted">You have not asked for access yet.</p>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Asked</th>
                <th>Repositories</th>
                <th>Actions</th>
                <th>Answer</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-testid={`my-request-${r.repository}`}>
                  <td>
                    <Time value={r.createdAt} />
                  </td>
                  <td className="mono">{r.repository}</td>
                  <td>{r.actions.join(", ")}</td>
                  <td>
                    <RequestAnswer request={r} />
                    {r.status === "pending" && (
                      <div className="muted">
                        waiting; lapses <Time value={r.expiresAt} />
                      </div>
                    )}
                  </td>
                  <td>
                    {r.status === "pending" && (
                      <ConfirmButton label="Withdraw" danger={false} onConfirm={() => withdraw.mutate(r.id)} />
                    )}
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
