"use client";

import Link from "next/link";
import { useState } from "react";
import { Dialog } from "@/components/ui/Dialog";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { RowMenu } from "@/components/ui/RowMenu";
import { useChangeUser, useDeleteUser, useUsers, type UserFilter, type UserView } from "@/lib/query/users";
import { EditUserForm } from "./EditUserForm";
import { NewUserForm } from "./NewUserForm";
import { ResetPasswordForm } from "./ResetPasswordForm";
import { RevokeEverythingForm } from "./RevokeEverythingForm";
import { SignedInClients } from "@/components/me/SignedInClients";

const PAGE_SIZE = 25;
const fmt = (v: string | null) => (v ? new Date(v).toISOString().slice(0, 16).replace("T", " ") : "—");

export function UsersAdmin({ canWrite, canAudit, me }: { canWrite: boolean; canAudit: boolean; me: string }) {
  const [filter, setFilterState] = useState<UserFilter>({ search: "", role: "", status: "" });
  // Cursor paging: the cursors of the pages walked so far (the first page has none).
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const setFilter = (change: Partial<UserFilter>) => {
    setFilterState({ ...filter, ...change });
    setCursors([undefined]);
  };
  const { search, role, status } = filter;
  const page = cursors.length;
  const [dialog, setDialog] = useState<{ kind: "new" | "edit" | "password" | "revoke"; user?: UserView } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const users = useUsers(filter, cursors[cursors.length - 1], PAGE_SIZE);
  const outcome = { onSuccess: () => setActionError(null), onError: (e: Error) => setActionError(e.message) };
  const patch = useChangeUser();
  const remove = useDeleteUser();
  const total = users.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <>
      <div className="toolbar" role="search">
        <div className="field" style={{ flex: 2 }}>
          <label htmlFor="user-search">Search</label>
          <input
            id="user-search"
            placeholder="username, email or name"
            value={search}
            onChange={(e) => setFilter({ search: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="user-role">Role</label>
          <select id="user-role" value={role} onChange={(e) => setFilter({ role: e.target.value })}>
            <option value="">any</option>
            <option value="admin">admin</option>
            <option value="auditor">auditor</option>
            <option value="user">user</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="user-status">Status</label>
          <select id="user-status" value={status} onChange={(e) => setFilter({ status: e.target.value })}>
            <option value="">any</option>
            <option value="active">active</option>
            <option value="disabled">disabled</option>
          </select>
        </div>
        {canWrite && (
          <button className="primary" onClick={() => setDialog({ kind: "new" })}>
            New user
          </button>
        )}
      </div>
      <ErrorNote error={actionError} />
      <ErrorNote error={users.error ? `Could not load users: ${users.error.message}` : null} />
      <div className="table-wrap">
        <table className="dense" aria-busy={users.isFetching}>
          <thead>
            <tr>
              <th>Username</th>
              <th>Name</th>
              <th>Email</th>
              <th>Role</th>
              <th>Status</th>
              <th>Last sign-in (UTC)</th>
              {canWrite && <th>Actions</th>}
            </tr>
          </thead>
          <tbody>
            {users.data?.users.map((u) => (
              <tr key={u.id} data-testid={`user-${u.username}`}>
                <td className="mono">
                  {u.username}{" "}
                  {canAudit && (
                    <Link href={`/audit?actor=${encodeURIComponent(u.username)}`} className="muted">
                      events
                    </Link>
                  )}
                </td>
                <td>{u.displayName ?? <span className="muted">—</span>}</td>
                <td>{u.email ?? <span className="muted">—</span>}</td>
                <td>
                  <span className="badge">{u.role}</span>
                </td>
                <td>
                  {u.disabled ? (
                    <span className="badge danger">disabled</span>
                  ) : (
                    <span className="badge ok">active</span>
                  )}
                </td>
                <td>{fmt(u.lastLoginAt)}</td>
                {canWrite && (
                  <td>
                    <span className="row">
                      <button onClick={() => setDialog({ kind: "edit", user: u })}>Edit</button>
                      <RowMenu
                        label={`More actions for ${u.username}`}
                        actions={[
                          { label: "Reset password", onSelect: () => setDialog({ kind: "password", user: u }) },
                          ...(u.username === me
                            ? []
                            : [
                                u.disabled
                                  ? {
                                      label: "Enable",
                                      onSelect: () =>
                                        patch.mutate({ username: u.username, body: { disabled: false } }, outcome),
                                    }
                                  : {
                                      label: "Disable",
                                      danger: {
                                        consequence: `${u.username} is signed out everywhere and every token request with their password, tokens or signed-in clients is refused until an admin enables them again.`,
                                      },
                                      onSelect: () =>
                                        patch.mutate({ username: u.username, body: { disabled: true } }, outcome),
                                    },
                                { label: "Revoke everything…", onSelect: () => setDialog({ kind: "revoke", user: u }) },
                                {
                                  label: "Delete",
                                  danger: {
                                    consequence: `${u.username}'s account, grants, tokens and team memberships are deleted. Their audit history stays. This cannot be undone.`,
                                  },
                                  onSelect: () => remove.mutate(u.username, outcome),
                                },
                              ]),
                        ]}
                      />
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
        <span className="muted">
          {total} user{total === 1 ? "" : "s"}
        </span>
        <button disabled={page <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          Previous
        </button>
        <span>
          Page {page} of {pages}
        </span>
        <button disabled={!users.data?.nextCursor} onClick={() => setCursors([...cursors, users.data!.nextCursor!])}>
          Next
        </button>
      </div>

      <Dialog title="New user" open={dialog?.kind === "new"} onClose={() => setDialog(null)}>
        <NewUserForm onDone={() => setDialog(null)} />
      </Dialog>
      <Dialog
        title={`Edit ${dialog?.user?.username ?? ""}`}
        open={dialog?.kind === "edit"}
        onClose={() => setDialog(null)}
      >
        {dialog?.user && (
          <>
            <EditUserForm user={dialog.user} self={dialog.user.username === me} onDone={() => setDialog(null)} />
            <SignedInClients username={dialog.user.username} title="Signed-in clients" withTokens={false} />
          </>
        )}
      </Dialog>
      <Dialog
        title={`Reset the password of ${dialog?.user?.username ?? ""}`}
        open={dialog?.kind === "password"}
        onClose={() => setDialog(null)}
      >
        {dialog?.user && <ResetPasswordForm user={dialog.user} onDone={() => setDialog(null)} />}
      </Dialog>
      <Dialog
        title={`Revoke everything of ${dialog?.user?.username ?? ""}`}
        open={dialog?.kind === "revoke"}
        onClose={() => setDialog(null)}
      >
        {dialog?.user && <RevokeEverythingForm user={dialog.user} onDone={() => setDialog(null)} />}
      </Dialog>
    </>
  );
}
