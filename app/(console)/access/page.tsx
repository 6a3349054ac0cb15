import { Forbidden } from "@/components/ui/Forbidden";
import { PageHeader } from "@/components/ui/PageHeader";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listGrants } from "@/lib/db/grants";
import { presentGrant } from "@/lib/services/grants";

export const metadata = { title: "Access" };

export default async function AccessPage({ searchParams }: { searchParams: Promise<{ repository?: string }> }) {
  const me = await requireUser();
  if (!can(me.role, "grants:read")) return <Forbidden what="grants" />;
  const { repository } = await searchParams;
  const grants = (await listGrants(repository ? { repository: { contains: repository.slice(0, 255) } } : {})).map(presentGrant);
  return (
    <>
      <PageHeader title="Access" lead="Every grant: who may pull, push or delete which repositories. Patterns like team/* cover every repository under team/." />
      <form className="card" role="search" style={{ display: "flex", gap: 8 }}>
        <input aria-label="Filter by repository" name="repository" placeholder="Filter by repository" defaultValue={repository} />
        <button type="submit">Filter</button>
      </form>
      <div className="table-wrap">
        <table>
          <thead><tr><th>Subject</th><th>Repository</th><th>Actions</th></tr></thead>
          <tbody>
            {grants.map((g) => (
              <tr key={g.id}>
                <td><span className="badge">{g.subject.type}</span> <span className="mono">{"name" in g.subject ? g.subject.name : "everyone"}</span></td>
                <td className="mono">{g.repository}</td>
                <td>{g.actions.map((a) => <span key={a} className="badge" style={{ marginRight: 4 }}>{a}</span>)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {grants.length === 0 && <div className="empty">No grants{repository ? " match" : " yet"}.</div>}
      </div>
    </>
  );
}
