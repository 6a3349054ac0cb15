"use client";

import { useState } from "react";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { fieldText, SchemaForm } from "@/components/ui/SchemaForm";
import { useRegistries } from "@/lib/query/registries";
import { useAddNamespace, useRemoveNamespace, type TeamDetail } from "@/lib/query/teams";
import { namespaceInput } from "@/lib/validation/team";

/** The repository namespaces a team owns: its maintainers grant inside them. Admins give and take them. */
export function TeamNamespaces({ team, canGive }: { team: TeamDetail; canGive: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const done = { onSuccess: () => setError(null), onError: (e: Error) => setError(e.message) };
  const add = useAddNamespace(team.name);
  const remove = useRemoveNamespace(team.name);
  const registries = useRegistries();
  return (
    <section aria-labelledby="team-ns-heading">
      <h3 id="team-ns-heading">Namespaces</h3>
      <ErrorNote error={error} />
      <ul data-testid="team-namespaces">
        {team.namespaces.map((n) => (
          <li key={n.id} className="row">
            <code>{n.pattern}</code>
            <span className="muted">{n.registry ? `on ${n.registry}` : "on every registry"}</span>
            {canGive && <ConfirmButton label={`Take back ${n.pattern}`} onConfirm={() => remove.mutate(n.id, done)} />}
          </li>
        ))}
        {team.namespaces.length === 0 && (
          <li className="muted">
            None: {canGive ? "give the team a namespace" : "an admin can give the team a namespace"} (such as{" "}
            <code>{`${team.name}/*`}</code>) and its maintainers manage access inside it.
          </li>
        )}
      </ul>
      {canGive && (
        <SchemaForm
          className="toolbar"
          schema={namespaceInput}
          read={(f) => ({
            pattern: fieldText(f, "pattern"),
            ...(fieldText(f, "registry") ? { registry: fieldText(f, "registry") } : {}),
          })}
          onMessage={setError}
          onValid={(data, form) =>
            add.mutate(data, {
              ...done,
              onSuccess: () => {
                done.onSuccess();
                form.reset();
              },
            })
          }
        >
          <div className="field">
            <label htmlFor="ns-pattern">Give a namespace</label>
            <input id="ns-pattern" name="pattern" placeholder={`${team.name}/*`} />
          </div>
          <div className="field">
            <label htmlFor="ns-registry">On</label>
            <select id="ns-registry" name="registry" defaultValue="">
              <option value="">every registry</option>
              {registries.data?.registries.map((r) => (
                <option key={r.id} value={r.name}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={add.isPending}>
            Give
          </button>
        </SchemaForm>
      )}
    </section>
  );
}
