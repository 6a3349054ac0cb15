"use client";

import { useState } from "react";
import { ActionChecks, checkedActions } from "@/components/ui/ActionChecks";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { FormOutcome, useFormOutcome } from "@/components/ui/FormOutcome";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { LoadMore } from "@/components/ui/LoadMore";
import { fieldText, SchemaForm } from "@/components/ui/SchemaForm";
import { useCreateGrant, useGrants, useRevokeGrant } from "@/lib/query/grants";
import { Expiry } from "@/components/ui/Expiry";
import { RegistrySelect } from "@/components/ui/RegistrySelect";
import { SubjectPicker } from "@/components/ui/SubjectPicker";

/**
 * Every grant in one table, filtered by subject or repository; "give ci-bot push on team/app" in a
 * few clicks. For a team maintainer (`namespaces` given) the same form and table, limited by the
 * API to the team's namespaces, and without public access (an admin's decision).
 */
export function GrantsAdmin({ canWrite, namespaces }: { canWrite: boolean; namespaces?: string[] }) {
  const [subject, setSubject] = useState("");
  const [repository, setRepository] = useState("");
  const outcome = useFormOutcome();
  const grants = useGrants({ subject, repository });
  const grantsRows = grants.data?.pages.flatMap((p) => p.grants) ?? [];
  const create = useCreateGrant();
  const announce = outcome.after(
    (g: { subject: { name?: string }; actions: string[]; repository: string }) =>
      `Granted ${g.subject.name ?? "everyone"} ${g.actions.join(", ")} on ${g.repository}.`,
  );
  const revoke = useRevokeGrant();

  return (
    <>
      {canWrite && (
        <SchemaForm
          className="card"
          aria-label="New grant"
          schema={() => import("@/lib/validation/grant").then((m) => m.createGrantInput)}
          read={(f) => {
            const type = fieldText(f, "subjectType");
            return {
              subject: type === "public" ? { type } : { type, name: fieldText(f, "subjectName") },
              repository: fieldText(f, "repository"),
              actions: checkedActions(f, "grant"),
              expiresAt: fieldText(f, "expiresAt") || undefined,
              ...(fieldText(f, "registry") ? { registry: fieldText(f, "registry") } : {}),
            };
          }}
          onMessage={outcome.onMessage}
          onValid={(data) => create.mutate(data, announce)}
        >
          <h2>Give access</h2>
          {namespaces && (
            <p className="muted">
              Inside {namespaces.length ? namespaces.join(", ") : "your team's namespaces (it has none yet)"}: to
              people, the team or its service accounts.
            </p>
          )}
          <FormOutcome outcome={outcome} />
          <div className="form-grid">
            <SubjectPicker id="g-subject" allowPublic={!namespaces} searchPeople={!namespaces} />
            <div className="field">
              <label htmlFor="g-repo">Repository or pattern</label>
              <input id="g-repo" name="repository" placeholder="team/app or team/*" />
            </div>
            <div className="field">
              <label htmlFor="g-expires">Until (optional)</label>
              <input id="g-expires" name="expiresAt" type="date" />
            </div>
            <RegistrySelect id="g-registry" name="registry" label="On" />
          </div>
          <ActionChecks name="grant" />
          <button className="primary" type="submit" disabled={create.isPending}>
            Grant
          </button>
        </SchemaForm>
      )}
      <div className="toolbar" role="search">
        <div className="field">
          <label htmlFor="f-subject">Subject</label>
          <input
            id="f-subject"
            value={subject}
            onChange={(e) => setSubject(e.target.value.trim())}
            placeholder="user, team or robot name"
          />
        </div>
        <div className="field">
          <label htmlFor="f-repo">Repository contains</label>
          <input
            id="f-repo"
            value={repository}
            onChange={(e) => setRepository(e.target.value.trim())}
            placeholder="team/"
          />
        </div>
      </div>
      <ErrorNote error={grants.error ?? revoke.error} />
      <div className="table-wrap">
        <table aria-busy={grants.isFetching}>
          <thead>
            <tr>
              <th>Subject</th>
              <th>Repository</th>
              <th>Actions</th>
              <th>On</th>
              <th>Since</th>
              <th>Until</th>
              {canWrite && <th />}
            </tr>
          </thead>
          <tbody>
            {grantsRows.map((g) => (
              <tr key={g.id} data-testid={`grant-${g.subject.name ?? "public"}-${g.repository}`}>
                <td>
                  <span className="badge">{g.subject.type}</span>{" "}
                  <span className="mono">{g.subject.name ?? "everyone"}</span>
                </td>
                <td className="mono">{g.repository}</td>
                <td>{g.actions.join(", ")}</td>
                <td>{g.registry ?? <span className="muted">every registry</span>}</td>
                <td>{g.createdAt.slice(0, 10)}</td>
                <td>
                  <Expiry value={g.expiresAt} />
                </td>
                {canWrite && (
                  <td>
                    <ConfirmButton label="Revoke" onConfirm={() => revoke.mutate(g.id)} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {grants.data && grantsRows.length === 0 && <div className="empty">No grants match.</div>}
        <LoadMore query={grants} label="More grants" />
      </div>
    </>
  );
}
