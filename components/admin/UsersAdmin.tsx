"use client";

import Link from "next/link";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { Dialog } from "@/components/ui/Dialog";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { fieldText, SchemaForm } from "@/components/ui/SchemaForm";
import { api, queryKeys } from "@/lib/query/api";
import { createUserInput, revokeEverythingInput, updateUserInput } from "@/lib/validation/user";
import type { Role } from "@/lib/validation/common";

export interface UserView {
  id: string;
  username: string;
  email: string | null;
  displayName: string | null;
  role: Role;
  disabled: boolean;
  lastLoginAt: string | null;
}

const PAGE_SIZE = 25;
const fmt = (v: string | null) => (v ? new Date(v).toISOString().slice(0, 16).replace("T", " ") : "—");

export function UsersAdmin({ canWrite, canAudit, me }: { canWrite: boolean; canAudit: boolean; me: string }) {
  const qc = useQueryClient();
  const [search, setSearch] = useState("");
  const [role, setRole] = useState("");
  const [status, setStatus] = useState("");
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<{ kind: "new" | "edit" | "password" | "revoke"; user?: UserView } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const filter = { search, role, status, page };
  const users = useQuery({
    queryKey: queryKeys.users(filter),
    queryFn: () => {
      const q = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
      if (search) q.set("search", search);
      if (role) q.set("role", role);
      if (status) q.set("disabled", String(status === "disabled"));
      return api<{ users: UserView[]; total: number }>(`/api/v1/users?${q}`);
    },
    placeholderData: keepPreviousData,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: queryKeys.allUsers });
  const patch = useMutation({
    mutationFn: ({ username, body }: { username: string; body: unknown }) => api(`/api/v1/users/${username}`, { method: "PATCH", body }),
    onSuccess: () => {
      setActionError(null);
      void refresh();
    },
    onError: (e) => setActionError(e.message),
  });
  const remove = useMutation({
    mutationFn: (username: string) => api(`/api/v1/users/${username}`, { method: "DELETE" }),
    onSuccess: () => {
      setActionError(null);
      void refresh();
    },
    onError: (e) => setActionError(e.message),
  });
  const total = users.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <>
      <div className="toolbar" role="search">
        <div className="field" style={{ flex: 2 }}>
          <label htmlFor="user-search">Search</label>
          <input id="user-search" placeholder="username, email or name" value={search} onChange={(e) => { setSearch(e.target.value); setPage(1); }} />
        </div>
        <div className="field">
          <label htmlFor="user-role">Role</label>
          <select id="user-role" value={role} onChange={(e) => { setRole(e.target.value); setPage(1); }}>
            <option value="">any</option><option value="admin">admin</option><option value="auditor">auditor</option><option value="user">user</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="user-status">Status</label>
          <select id="user-status" value={status} onChange={(e) => { setStatus(e.target.value); setPage(1); }}>
            <option value="">any</option><option value="active">active</option><option value="disabled">disabled</option>
          </select>
        </div>
        {canWrite && <button className="primary" onClick={() => setDialog({ kind: "new" })}>New user</button>}
      </div>
      <ErrorNote error={actionError} />
      <ErrorNote error={users.error ? `Could not load users: ${users.error.message}` : null} />
      <div className="table-wrap">
        <table aria-busy={users.isFetching}>
          <thead>
            <tr><th>Username</th><th>Name</th><th>Email</th><th>Role</th><th>Status</th><th>Last sign-in (UTC)</th>{canWrite && <th>Actions</th>}</tr>
          </thead>
          <tbody>
            {users.data?.users.map((u) => (
              <tr key={u.id} data-testid={`user-${u.username}`}>
                <td className="mono">{u.username} {canAudit && <Link href={`/audit?actor=${encodeURIComponent(u.username)}`} className="muted">events</Link>}</td>
                <td>{u.displayName ?? <span className="muted">—</span>}</td>
                <td>{u.email ?? <span className="muted">—</span>}</td>
                <td><span className="badge">{u.role}</span></td>
                <td>{u.disabled ? <span className="badge danger">disabled</span> : <span className="badge ok">active</span>}</td>
                <td>{fmt(u.lastLoginAt)}</td>
                {canWrite && (
                  <td>
                    <span className="row">
                      <button onClick={() => setDialog({ kind: "edit", user: u })}>Edit</button>
                      <button onClick={() => setDialog({ kind: "password", user: u })}>Reset password</button>
                      {u.username !== me &&
                        (u.disabled ? (
                          <button onClick={() => patch.mutate({ username: u.username, body: { disabled: false } })}>Enable</button>
                        ) : (
                          <ConfirmButton label="Disable" onConfirm={() => patch.mutate({ username: u.username, body: { disabled: true } })} />
                        ))}
                      {u.username !== me && <button onClick={() => setDialog({ kind: "revoke", user: u })}>Revoke everything</button>}
                      {u.username !== me && <ConfirmButton label="Delete" onConfirm={() => remove.mutate(u.username)} pending={remove.isPending} />}
                    </span>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {users.isPending && <div className="empty">Loading users…</div>}
        {users.data?.users.length === 0 && <div className="empty">No users match.</div>}
      </div>
      <div className="pager">
        <span className="muted">{total} user{total === 1 ? "" : "s"}</span>
        <button disabled={page <= 1} onClick={() => setPage(page - 1)}>Previous</button>
        <span>Page {page} of {pages}</span>
        <button disabled={page >= pages} onClick={() => setPage(page + 1)}>Next</button>
      </div>

      <Dialog title="New user" open={dialog?.kind === "new"} onClose={() => setDialog(null)}>
        <NewUserForm onDone={() => { setDialog(null); void refresh(); }} />
      </Dialog>
      <Dialog title={`Edit ${dialog?.user?.username ?? ""}`} open={dialog?.kind === "edit"} onClose={() => setDialog(null)}>
        {dialog?.user && <EditUserForm user={dialog.user} self={dialog.user.username === me} onDone={() => { setDialog(null); void refresh(); }} />}
      </Dialog>
      <Dialog title={`Reset the password of ${dialog?.user?.username ?? ""}`} open={dialog?.kind === "password"} onClose={() => setDialog(null)}>
        {dialog?.user && <ResetPasswordForm user={dialog.user} onDone={() => setDialog(null)} />}
      </Dialog>
      <Dialog title={`Revoke everything of ${dialog?.user?.username ?? ""}`} open={dialog?.kind === "revoke"} onClose={() => setDialog(null)}>
        {dialog?.user && <RevokeEverythingForm user={dialog.user} onDone={() => { setDialog(null); void refresh(); }} />}
      </Dialog>
    </>
  );
}

interface SetupLink { url: string; expiresAt: string }

/** A one-time set-password link, shown once to the admin to pass on. */
function LinkOnce({ link, username }: { link: SetupLink; username: string }) {
  return (
    <div role="status" className="notice">
      <p style={{ marginTop: 0 }}>Send <strong>{username}</strong> this link to choose their password. It works once, until {link.expiresAt.slice(0, 16).replace("T", " ")} UTC, and is not shown again.</p>
      <code data-testid="setup-link" style={{ wordBreak: "break-all" }}>{link.url}</code>
    </div>
  );
}

function NewUserForm({ onDone }: { onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: unknown) => api<{ username: string; setPasswordUrl?: string; setPasswordExpiresAt?: string }>("/api/v1/users", { method: "POST", body }),
    onSuccess: (r) => {
      if (!r.setPasswordUrl) onDone();
    },
  });
  if (create.data?.setPasswordUrl) {
    return (
      <>
        <LinkOnce link={{ url: create.data.setPasswordUrl, expiresAt: create.data.setPasswordExpiresAt! }} username={create.data.username} />
        <button className="primary" type="button" onClick={onDone}>Done</button>
      </>
    );
  }
  return (
    <SchemaForm
      schema={createUserInput}
      read={(f) => ({
        username: fieldText(f, "username"), password: String(f.get("password") ?? "") || undefined, role: fieldText(f, "role"),
        email: fieldText(f, "email"), displayName: fieldText(f, "displayName") || undefined,
      })}
      onMessage={setError}
      onValid={(data) => create.mutate(data)}
    >
      <ErrorNote error={error ?? create.error} />
      <div className="form-grid">
        <div className="field"><label htmlFor="nu-username">Username</label><input id="nu-username" name="username" autoComplete="off" required /></div>
        <div className="field"><label htmlFor="nu-role">Role</label>
          <select id="nu-role" name="role" defaultValue="user"><option value="user">user</option><option value="auditor">auditor</option><option value="admin">admin</option></select>
        </div>
        <div className="field"><label htmlFor="nu-email">Email (optional)</label><input id="nu-email" name="email" type="email" /></div>
        <div className="field"><label htmlFor="nu-name">Display name (optional)</label><input id="nu-name" name="displayName" /></div>
        <div className="field"><label htmlFor="nu-password">Initial password (optional)</label><input id="nu-password" name="password" type="password" autoComplete="new-password" /></div>
      </div>
      <p className="muted">Usernames are what people type in <code>docker login -u</code>: lowercase letters, digits, “.”, “_” and “-”. Leave the password empty to get a one-time set-password link to send them instead; an initial password you share privately, and they change it under Settings.</p>
      <button className="primary" type="submit" disabled={create.isPending}>{create.isPending ? "Creating…" : "Create user"}</button>
    </SchemaForm>
  );
}

function EditUserForm({ user, self, onDone }: { user: UserView; self: boolean; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({ mutationFn: (body: unknown) => api(`/api/v1/users/${user.username}`, { method: "PATCH", body }), onSuccess: onDone });
  return (
    <SchemaForm
      schema={updateUserInput}
      read={(f) => ({
        ...(self ? {} : { role: fieldText(f, "role") }),
        email: fieldText(f, "email") || null,
        displayName: fieldText(f, "displayName") || null,
      })}
      onMessage={setError}
      onValid={(data) => save.mutate(data)}
    >
      <ErrorNote error={error ?? save.error} />
      <div className="field"><label htmlFor="eu-role">Role</label>
        <select id="eu-role" name="role" defaultValue={user.role} disabled={self}><option value="user">user</option><option value="auditor">auditor</option><option value="admin">admin</option></select>
        {self && <p className="muted">You cannot change your own role.</p>}
      </div>
      <div className="field"><label htmlFor="eu-email">Email</label><input id="eu-email" name="email" type="email" defaultValue={user.email ?? ""} /></div>
      <div className="field"><label htmlFor="eu-name">Display name</label><input id="eu-name" name="displayName" defaultValue={user.displayName ?? ""} /></div>
      <button className="primary" type="submit" disabled={save.isPending}>Save</button>
    </SchemaForm>
  );
}

function ResetPasswordForm({ user, onDone }: { user: UserView; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({ mutationFn: (body: unknown) => api(`/api/v1/users/${user.username}`, { method: "PATCH", body }), onSuccess: onDone });
  const link = useMutation({ mutationFn: () => api<SetupLink>(`/api/v1/users/${user.username}/password-link`, { method: "POST" }) });
  if (link.data) return <LinkOnce link={link.data} username={user.username} />;
  return (
    <SchemaForm
      schema={updateUserInput}
      read={(f) => ({ password: String(f.get("password") ?? "") })}
      onMessage={setError}
      onValid={(data) => save.mutate(data)}
    >
      <ErrorNote error={error ?? save.error} />
      <div className="field"><label htmlFor="rp-password">New password</label><input id="rp-password" name="password" type="password" autoComplete="new-password" /></div>
      <p className="muted">Their browser sessions end and the old password stops working at once; their access tokens keep working.</p>
      <ErrorNote error={link.error} />
      <span className="row">
        <button className="primary" type="submit" disabled={save.isPending}>Set password</button>
        <span className="muted">or</span>
        <button type="button" onClick={() => link.mutate()} disabled={link.isPending}>Create a set-password link instead</button>
      </span>
    </SchemaForm>
  );
}

interface Held {
  tokens: { id: string; name: string; prefix: string }[];
  serviceAccountTokens: { id: string; name: string; prefix: string; serviceAccount: string }[];
  refreshTokens: number;
}

function RevokeEverythingForm({ user, onDone }: { user: UserView; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const held = useQuery({ queryKey: ["credentials", user.username], queryFn: () => api<Held>(`/api/v1/users/${user.username}/credentials`) });
  const revoke = useMutation({
    mutationFn: (body: unknown) => api(`/api/v1/users/${user.username}/revoke-everything`, { method: "POST", body }),
    onSuccess: onDone,
  });
  return (
    <SchemaForm
      schema={revokeEverythingInput}
      read={(f) => ({ password: String(f.get("password") ?? ""), disable: f.get("disable") === "on" })}
      onMessage={setError}
      onValid={(data) => revoke.mutate(data)}
    >
      <ErrorNote error={error ?? revoke.error ?? held.error} />
      {held.isPending && <p className="muted">Listing what they hold…</p>}
      {held.data && (
        <div className="notice" data-testid="revoke-list">
          <p style={{ marginTop: 0 }}>This will end every browser session of <strong>{user.username}</strong> and revoke:</p>
          <ul>
            {held.data.tokens.map((t) => <li key={t.id}>their token <strong>{t.name}</strong> <code>{t.prefix}…</code></li>)}
            {held.data.serviceAccountTokens.map((t) => <li key={t.id}>service account <strong>{t.serviceAccount}</strong>’s token {t.name} <code>{t.prefix}…</code> (created by them)</li>)}
            {held.data.refreshTokens > 0 && <li>{held.data.refreshTokens} registry refresh token(s)</li>}
            {held.data.tokens.length + held.data.serviceAccountTokens.length + held.data.refreshTokens === 0 && <li>no tokens (sessions only)</li>}
          </ul>
        </div>
      )}
      <div className="checks field"><label><input type="checkbox" name="disable" defaultChecked /> Also disable the account</label></div>
      <div className="field"><label htmlFor="re-password">Your password, to confirm</label><input id="re-password" name="password" type="password" autoComplete="current-password" /></div>
      <button className="danger" type="submit" disabled={revoke.isPending || held.isPending}>Revoke everything</button>
    </SchemaForm>
  );
}
