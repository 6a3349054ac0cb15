import { Forbidden } from "@/components/ui/Forbidden";
import { PageHeader } from "@/components/ui/PageHeader";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listServiceAccounts } from "@/lib/db/service-accounts";
import { listTeams } from "@/lib/db/teams";

export const metadata = { title: "Teams" };

export default async function TeamsPage() {
  const me = await requireUser();
  if (!can(me.role, "teams:read")) return <Forbidden what="teams" />;
  const [teams, robots] = await Promise.all([listTeams(), listServiceAccounts()]);
  return (
    <>
      <PageHeader title="Teams" lead="Grant access to a team once; every member gets it." />
      <div className="table-wrap" style={{ marginBottom: 24 }}>
        <table>
          <thead><tr><th>Team</th><th>Description</th><th>Members</th><th>Grants</th></tr></thead>
          <tbody>
            {teams.map((t) => (
              <tr key={t.id}><td className="mono">{t.name}</td><td>{t.description ?? <span className="muted">—</span>}</td><td>{t._count.members}</td><td>{t._count.grants}</td></tr>
            ))}
          </tbody>
        </table>
        {teams.length === 0 && <div className="empty">No teams yet.</div>}
      </div>
      <h2>Service accounts</h2>
      <p className="muted">Robot accounts for CI and automation: they sign in to the registry with their own tokens, never a person&apos;s password.</p>
      <div className="table-wrap">
        <table>
          <thead><tr><th>Name</th><th>Team</th><th>Description</th><th>Status</th></tr></thead>
          <tbody>
            {robots.map((r) => (
              <tr key={r.id}>
                <td className="mono">{r.name}</td><td>{r.team?.name ?? <span className="muted">global</span>}</td>
                <td>{r.description ?? <span className="muted">—</span>}</td>
                <td>{r.disabled ? <span className="badge danger">disabled</span> : <span className="badge ok">active</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {robots.length === 0 && <div className="empty">No service accounts yet.</div>}
      </div>
    </>
  );
}
