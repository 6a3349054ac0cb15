"use client";

import { useState } from "react";
import { SecretOnce } from "@/components/tokens/SecretOnce";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { LoadMore } from "@/components/ui/LoadMore";
import { fieldText, SchemaForm } from "@/components/ui/SchemaForm";
import {
  useChangeServiceAccount,
  useCreateServiceAccount,
  useDeleteServiceAccount,
  useServiceAccounts,
} from "@/lib/query/service-accounts";
import { useMintToken } from "@/lib/query/tokens";

/** Service accounts: every one for admins, or (with `team`) the team's own, as its maintainers run them. */
export function ServiceAccountsAdmin({
  canWrite,
  registryHost,
  team,
}: {
  canWrite: boolean;
  registryHost: string;
  team?: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const [minted, setMinted] = useState<{ robot: string; token: string } | null>(null);
  const robots = useServiceAccounts(team);
  const serviceAccountsRows = robots.data?.pages.flatMap((p) => p.serviceAccounts) ?? [];
  const done = { onSuccess: () => setError(null), onError: (e: Error) => setError(e.message) };
  const create = useCreateServiceAccount();
  const patch = useChangeServiceAccount();
  const remove = useDeleteServiceAccount();
  const mint = useMintToken();

  return (
    <>
      <p className="notice">
        Use a <strong>service account</strong> for automation (CI pipelines, deploy jobs, mirrors): it belongs to a team
        rather than a person, so nothing breaks when someone leaves, and its tokens carry only the grants you give it.
        Names are safe in shells and CI variables: no <code>$</code>, no spaces.
      </p>
      <ErrorNote error={error ?? robots.error} />
      {canWrite && (
        <SchemaForm
          className="toolbar card"
          schema={() => import("@/lib/validation/team").then((m) => m.createServiceAccountInput)}
          read={(f) => ({
            name: fieldText(f, "name"),
            ...((team ?? fieldText(f, "team")) ? { team: team ?? fieldText(f, "team") } : {}),
            ...(fieldText(f, "description") ? { description: fieldText(f, "description") } : {}),
          })}
          onMessage={setError}
          onValid={(data, form) =>
            create.mutate(data, {
              ...done,
              onSuccess: () => {
                done.onSuccess();
                form.reset();
              },
            })
          }
        >
          <div className="field">
            <label htmlFor="sa-name">Name</label>
            <input id="sa-name" name="name" placeholder="e.g. payments-ci" />
          </div>
          {!team && (
            <div className="field">
              <label htmlFor="sa-team">Team (optional)</label>
              <input id="sa-team" name="team" placeholder="owning team" />
            </div>
          )}
          <div className="field">
            <label htmlFor="sa-desc">Description</label>
            <input id="sa-desc" name="description" />
          </div>
          <button className="primary" type="submit" disabled={create.isPending}>
            Create service account
          </button>
        </SchemaForm>
      )}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Service account</th>
              <th>Team</th>
              <th>Description</th>
              <th>Status</th>
              {canWrite && <th>Actions</th>}
            </tr>
          </thead>
          <tbody>
            {serviceAccountsRows.map((r) => (
              <tr key={r.id} data-testid={`robot-${r.name}`}>
                <td className="mono">{r.name}</td>
                <td>{r.team?.name ?? <span className="muted">global</span>}</td>
                <td>{r.description ?? <span className="muted">—</span>}</td>
                <td>
                  {r.disabled ? (
                    <span className="badge danger">disabled</span>
                  ) : (
                    <span className="badge ok">active</span>
                  )}
                </td>
                {canWrite && (
                  <td>
                    <span className="row">
                      <button
                        type="button"
                        disabled={r.disabled || mint.isPending}
                        onClick={() => {
                          // The server's defaults apply (lifetime, every action the robot has).
                          mint.mutate(
                            { name: `${r.name}-${new Date().toISOString().slice(0, 10)}`, serviceAccount: r.name },
                            { onSuccess: (m) => setMinted({ robot: r.name, token: m.token }), onError: done.onError },
                          );
                        }}
                      >
                        New token
                      </button>
                      <button
                        type="button"
                        onClick={() => patch.mutate({ name: r.name, body: { disabled: !r.disabled } }, done)}
                      >
                        {r.disabled ? "Enable" : "Disable"}
                      </button>
                      <ConfirmButton label="Delete" onConfirm={() => remove.mutate(r.name, done)} />
                    </span>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {robots.data && serviceAccountsRows.length === 0 && <div className="empty">No service accounts yet.</div>}
        <LoadMore query={robots} label="More service accounts" />
      </div>
      {minted && (
        <div className="card">
          <h3>Token for {minted.robot}</h3>
          <SecretOnce secret={minted.token} username={minted.robot} registryHost={registryHost} />
        </div>
      )}
    </>
  );
}
