"use client";

import { useState } from "react";
import { useMintToken } from "@/lib/query/tokens";
import { SecretOnce } from "./SecretOnce";
import { checkedActions } from "@/components/ui/ActionChecks";
import { fieldText, SchemaForm } from "@/components/ui/SchemaForm";
import type { TokenPolicy } from "@/lib/validation/token";

const PRESETS = [7, 30, 90, 180, 365];

export function NewTokenForm({
  username,
  registryHost,
  policy,
}: {
  username: string;
  registryHost: string;
  policy: TokenPolicy;
}) {
  const presets = [...PRESETS.filter((d) => d < policy.maxDays), policy.maxDays].filter(
    (d, i, a) => a.indexOf(d) === i,
  );
  const [formError, setFormError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMintToken();

  return (
    <div className="card">
      <h2>New access token</h2>
      <SchemaForm
        schema={() => import("@/lib/validation/token").then((m) => m.createTokenInput)}
        read={(f) => {
          const repo = fieldText(f, "repository");
          return {
            name: fieldText(f, "name"),
            expiresInDays: f.get("expires") === "never" ? null : Number(f.get("expires")),
            ...(repo ? { scopes: [{ repository: repo, actions: checkedActions(f, "action") }] } : {}),
          };
        }}
        onMessage={setFormError}
        onValid={(data) => create.mutate(data, { onSuccess: (r) => setSecret(r.token) })}
      >
        {(formError || create.isError) && (
          <div className="error" role="alert">
            {formError ?? create.error?.message}
          </div>
        )}
        <div className="field">
          <label htmlFor="token-name">Name</label>
          <input id="token-name" name="name" placeholder="e.g. github-actions" required />
        </div>
        <div className="field">
          <label htmlFor="token-expires">Expires in</label>
          <select id="token-expires" name="expires" defaultValue={String(Math.min(90, policy.maxDays))}>
            {presets.map((d) => (
              <option key={d} value={d}>
                {d} days
              </option>
            ))}
            {policy.allowNever && <option value="never">never (allowed by your administrator)</option>}
          </select>
        </div>
        <div className="field">
          <label htmlFor="token-repo">Limit to repository or pattern (optional)</label>
          <input id="token-repo" name="repository" placeholder="team/app or team/*; empty: all your access" />
          <div style={{ display: "flex", gap: 14, marginTop: 6 }}>
            {["pull", "push", "delete"].map((a) => (
              <label key={a} style={{ fontWeight: 400 }}>
                <input
                  type="checkbox"
                  name={`action-${a}`}
                  defaultChecked={a !== "delete"}
                  style={{ width: "auto", marginRight: 4 }}
                />
                {a}
              </label>
            ))}
          </div>
        </div>
        <button className="primary" type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create token"}
        </button>
      </SchemaForm>
      {secret && <SecretOnce secret={secret} username={username} registryHost={registryHost} />}
    </div>
  );
}
