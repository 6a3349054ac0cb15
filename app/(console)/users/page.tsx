import { Forbidden } from "@/components/ui/Forbidden";
import { PageHeader } from "@/components/ui/PageHeader";
import { Time } from "@/components/ui/Time";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listUsers } from "@/lib/db/users";

export const metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ q?: string; page?: string }> }) {
  const me = await requireUser();
  if (!can(me.role, "users:read")) return <Forbidden what="users" />;
  const { q, page } = await searchParams;
  const pageNo = Math.max(1, Number(page) || 1);
  const [users, total] = await listUsers({ search: q?.slice(0, 100), skip: (pageNo - 1) * 50, take: 50 });
  return (
    <>
      <PageHeader title="Users" lead="People who sign in to the console and use docker login with their password or tokens." />
      <form className="card" role="search" style={{ display: "flex", gap: 8 }}>
        <label htmlFor="q" className="sr-only" style={{ position: "absolute", left: -9999 }}>Search users</label>
        <input id="q" name="q" placeholder="Search by username, email or name" defaultValue={q} />
        <button type="submit">Search</button>
      </form>
      <div className="table-wrap">
        <table>
          <thead>
            <tr><th>Username</th><th>Name</th><th>Email</th><th>Role</th><th>Status</th><th>Last sign-in</th></tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td className="mono">{u.username}</td>
                <td>{u.displayName ?? <span className="muted">—</span>}</td>
                <td>{u.email ?? <span className="muted">—</span>}</td>
                <td><span className="badge">{u.role}</span></td>
                <td>{u.disabled ? <span className="badge danger">disabled</span> : <span className="badge ok">active</span>}</td>
                <td><Time value={u.lastLoginAt} /></td>
              </tr>
            ))}
          </tbody>
        </table>
        {users.length === 0 && <div className="empty">No users match.</div>}
      </div>
      <p className="muted">{total} user{total === 1 ? "" : "s"}</p>
    </>
  );
}
