"use client";

import { useState } from "react";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { fieldText, SchemaForm } from "@/components/ui/SchemaForm";
import { useChangeUser, type UserView } from "@/lib/query/users";

const SIGN_IN = { local: "password", ldap: "directory", oidc: "sso" } as const;

export function EditUserForm({ user, self, onDone }: { user: UserView; self: boolean; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const save = useChangeUser();
  return (
    <SchemaForm
      schema={() => import("@/lib/validation/user").then((m) => m.updateUserInput)}
      read={(f) => ({
        ...(self ? {} : { role: fieldText(f, "role") }),
        email: fieldText(f, "email") || null,
        displayName: fieldText(f, "displayName") || null,
        ...(self ? {} : { signIn: fieldText(f, "signIn") }),
      })}
      onMessage={setError}
      onValid={(body) => save.mutate({ username: user.username, body }, { onSuccess: onDone })}
    >
      <ErrorNote error={error ?? save.error} />
      <div className="field">
        <label htmlFor="eu-role">Role</label>
        <select id="eu-role" name="role" defaultValue={user.role} disabled={self}>
          <option value="user">user</option>
          <option value="auditor">auditor</option>
          <option value="admin">admin</option>
        </select>
        {self && <p className="muted">You cannot change your own role.</p>}
      </div>
      <div className="field">
        <label htmlFor="eu-email">Email</label>
        <input id="eu-email" name="email" type="email" defaultValue={user.email ?? ""} />
      </div>
      <div className="field">
        <label htmlFor="eu-name">Display name</label>
        <input id="eu-name" name="displayName" defaultValue={user.displayName ?? ""} />
      </div>
      <div className="field">
        <label htmlFor="eu-signin">Signs in with</label>
        <select id="eu-signin" name="signIn" defaultValue={SIGN_IN[user.source]} disabled={self}>
          <option value="password">their Portcullis password</option>
          <option value="directory">the company directory (LDAP)</option>
          <option value="sso">single sign-on</option>
        </select>
        <p className="muted">
          Moving an account to the directory or single sign-on lets its next sign-in there take it over; its password
          stops working at once.
        </p>
      </div>
      <button className="primary" type="submit" disabled={save.isPending}>
        Save
      </button>
    </SchemaForm>
  );
}
