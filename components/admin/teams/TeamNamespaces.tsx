"use client";

import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { FormOutcome, useFormOutcome } from "@/components/ui/FormOutcome";
import { fieldText, SchemaForm } from "@/components/ui/SchemaForm";
import { RegistrySelect } from "@/components/ui/RegistrySelect";
import { useAddNamespace, useRemoveNamespace, type TeamDetail } from "@/lib/query/teams";

/** The repository namespaces a team owns: its maintainers grant inside them. Admins give and take them. */
export function TeamNamespaces({ team, canGive }: { team: TeamDetail; canGive: boolean }) {
  const outcome = useFormOutcome();
  const add = useAddNamespace(team.name);
  const remove = useRemoveNamespace(team.name);
  return (
    <section aria-labelledby="team-ns-heading">
      <h3 id="team-ns-heading">Namespaces</h3>
      <FormOutcome outcome={outcome} />
      <ul data-testid="team-namespaces">
        {team.namespaces.map((n) => (
          <li key={n.id} className="row">
            <code>{n.pattern}</code>
            <span className="muted">{n.registry ? `on ${n.registry}` : "on every registry"}</span>
            {canGive && (
              <ConfirmButton
                label={`Take back ${n.pattern}`}
                onConfirm={() =>
                  remove.mutate(
                    n.id,
                    outcome.after((x) => `${team.name} no longer owns ${x.pattern}.`),
                  )
                }
              />
            )}
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
          schema={() => import("@/lib/validation/team").then((m) => m.namespaceInput)}
          read={(f) => ({
            pattern: fieldText(f, "pattern"),
            ...(fieldText(f, "registry") ? { registry: fieldText(f, "registry") } : {}),
          })}
          onMessage={outcome.onMessage}
          onValid={(data, form) =>
            add.mutate(
              data,
              outcome.after(
                (x) => `${team.name} now owns ${x.pattern} on ${x.registry ?? "every registry"}.`,
                () => form.reset(),
              ),
            )
          }
        >
          <div className="field">
            <label htmlFor="ns-pattern">Give a namespace</label>
            <input id="ns-pattern" name="pattern" placeholder={`${team.name}/*`} />
          </div>
          <RegistrySelect id="ns-registry" name="registry" label="On" />
          <button type="submit" disabled={add.isPending}>
            Give
          </button>
        </SchemaForm>
      )}
    </section>
  );
}
