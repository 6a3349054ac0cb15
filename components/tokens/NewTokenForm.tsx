"use client";

import { useState } from "react";
import { useMintToken } from "@/lib/query/tokens";
import { createTokenInput } from "@/lib/validation/token";
import { SecretOnce } from "./SecretOnce";
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

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const repo = String(f.get("repository") ?? "").trim();
    const actions = ["pull", "push", "delete"].filter((a) => f.get(`action-${a}`));
    const input = {
      name: String(f.get("name") ?? ""),
      expiresInDays: f.get("expires") === "never" ? null : Number(f.get("expires")),
      ...(repo ? { scopes: [{ repository: repo, actions }] } : {}),
    };
    const parsed = createTokenInput.safeParse(input); // the server's own schema
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      setFormError(`${i.path.join(".") || "input"}: ${i.message}`);
      return;
    }
    setFormError(null);
    create.mutate(parsed.data, { onSuccess: (r) => setSecret(r.token) });
  }

  return (
    <div className="card">
      <h2>New access token</h2>
      <form onSubmit={onSubmit} noValidate>
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
      </form>
      {secret && <SecretOnce secret={secret} username={username} registryHost={registryHost} />}
    </div>
  );
}
