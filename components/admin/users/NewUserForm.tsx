"use client";

import { useState } from "react";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { fieldText, SchemaForm } from "@/components/ui/SchemaForm";
import { useCreateUser } from "@/lib/query/users";
import { LinkOnce } from "./LinkOnce";

export function NewUserForm({ onDone }: { onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const create = useCreateUser();
  if (create.data?.setPasswordUrl) {
    return (
      <>
        <LinkOnce
          link={{ url: create.data.setPasswordUrl, expiresAt: create.data.setPasswordExpiresAt! }}
          username={create.data.username}
        />
        <button className="primary" type="button" onClick={onDone}>
          Done
        </button>
      </>
    );
  }
  return (
    <SchemaForm
      schema={() => import("@/lib/validation/user").then((m) => m.createUserInput)}
      read={(f) => ({
        username: fieldText(f, "username"),
        password: String(f.get("password") ?? "") || undefined,
        role: fieldText(f, "role"),
        email: fieldText(f, "email"),
        displayName: fieldText(f, "displayName") || undefined,
      })}
      onMessage={setError}
      onValid={(data) => create.mutate(data, { onSuccess: (r) => void (r.setPasswordUrl || onDone()) })}
    >
      <ErrorNote error={error ?? create.error} />
      <div className="form-grid">
        <div className="field">
          <label htmlFor="nu-username">Username</label>
          <input id="nu-username" name="username" autoComplete="off" required />
        </div>
        <div className="field">
          <label htmlFor="nu-role">Role</label>
          <select id="nu-role" name="role" defaultValue="user">
            <option value="user">user</option>
            <option value="auditor">auditor</option>
            <option value="admin">admin</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="nu-email">Email (optional)</label>
          <input id="nu-email" name="email" type="email" />
        </div>
        <div className="field">
          <label htmlFor="nu-name">Display name (optional)</label>
          <input id="nu-name" name="displayName" />
        </div>
        <div className="field">
          <label htmlFor="nu-password">Initial password (optional)</label>
          <input id="nu-password" name="password" type="password" autoComplete="new-password" />
        </div>
      </div>
      <p className="muted">
        Usernames are what people type in <code>docker login -u</code>: lowercase letters, digits, “.”, “_” and “-”.
        Leave the password empty to get a one-time set-password link to send them instead; an initial password you share
        privately, and they change it under Settings.
      </p>
      <button className="primary" type="submit" disabled={create.isPending}>
        {create.isPending ? "Creating…" : "Create user"}
      </button>
    </SchemaForm>
  );
}
