"use client";

import { ErrorNote } from "@/components/ui/ErrorNote";
import { Time } from "@/components/ui/Time";
import { useMyAccess } from "@/lib/query/me";

const VIA: Record<string, string> = {
  user: "your own grant",
  team: "team",
  service_account: "service account",
  public: "public",
};

/** What I can pull, push and delete: each repository pattern with the grant, team or role behind it. */
export function MyAccess() {
  const access = useMyAccess();
  return (
    <div className="card" data-testid="my-access">
      <h2>What you can pull, push and delete</h2>
      <ErrorNote error={access.error} />
      {access.isPending && <p className="muted">Loading…</p>}
      {access.data?.admin && <p className="notice">You are an administrator: every repository, every action.</p>}
      {access.data && access.data.patterns.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Repositories</th>
                <th>Actions</th>
                <th>Because of</th>
              </tr>
            </thead>
            <tbody>
              {access.data.patterns.map((p) => (
                <tr key={p.pattern}>
                  <td className="mono">{p.pattern}</td>
                  <td>{p.actions.join(", ")}</td>
                  <td>
                    {p.via.map((v, i) => (
                      <span key={v.grant}>
                        {i > 0 && "; "}
                        {v.type === "user"
                          ? VIA.user
                          : `${VIA[v.type] ?? v.type} ${v.type === "public" ? "" : v.name}`.trim()}
                        {v.registry && ` (only at the registry presenting ${v.registry})`}
                        {v.expiresAt && (
                          <>
                            {" "}
                            (until <Time value={v.expiresAt} />)
                          </>
                        )}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {access.data && !access.data.admin && access.data.patterns.length === 0 && (
        <p className="muted">No grant reaches you yet: request access to the repositories you need below.</p>
      )}
    </div>
  );
}
