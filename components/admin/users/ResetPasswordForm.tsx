"use client";

import { useState } from "react";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { SchemaForm } from "@/components/ui/SchemaForm";
import { useChangeUser, useSetupLink, type UserView } from "@/lib/query/users";
import { LinkOnce } from "./LinkOnce";

export function ResetPasswordForm({ user, onDone }: { user: UserView; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const save = useChangeUser();
  const link = useSetupLink(user.username);
  if (link.data) return <LinkOnce link={link.data} username={user.username} />;
  return (
    <SchemaForm
      schema={() => import("@/lib/validation/user").then((m) => m.updateUserInput)}
      read={(f) => ({ password: String(f.get("password") ?? "") })}
      onMessage={setError}
      onValid={(body) => save.mutate({ username: user.username, body }, { onSuccess: onDone })}
    >
      <ErrorNote error={error ?? save.error} />
      <div className="field">
        <label htmlFor="rp-password">New password</label>
        <input id="rp-password" name="password" type="password" autoComplete="new-password" />
      </div>
      <p className="muted">
        Their browser sessions end and the old password stops working at once; their access tokens keep working.
      </p>
      <ErrorNote error={link.error} />
      <span className="row">
        <button className="primary" type="submit" disabled={save.isPending}>
          Set password
        </button>
        <span className="muted">or</span>
        <button type="button" onClick={() => link.mutate()} disabled={link.isPending}>
          Create a set-password link instead
        </button>
      </span>
    </SchemaForm>
  );
}
