import { AccessExplorer } from "@/components/admin/access/AccessExplorer";
import { AccessRequestsAdmin } from "@/components/admin/access/AccessRequestsAdmin";
import { GrantsAdmin } from "@/components/admin/GrantsAdmin";
import { Forbidden } from "@/components/ui/Forbidden";
import { PageHeader } from "@/components/ui/PageHeader";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";

export const metadata = { title: "Access" };

type Search = { user?: string; token?: string; repository?: string; actions?: string };

export default async function AccessPage({ searchParams }: { searchParams: Promise<Search> }) {
  const me = await requireUser();
  if (!can(me.role, "grants:read")) return <Forbidden what="grants" />;
  const q = await searchParams;
  const clip = (v?: string) => (typeof v === "string" ? v.slice(0, 300) : undefined);
  return (
    <>
      <PageHeader
        title="Access"
        lead="Who may pull, push or delete which repositories. Patterns like team/* cover every repository under team/."
      />
      <AccessRequestsAdmin canWrite={can(me.role, "grants:write")} />
      <AccessExplorer
        initial={{ user: clip(q.user), token: clip(q.token), repository: clip(q.repository), actions: clip(q.actions) }}
      />
      <h2 style={{ marginTop: 28 }}>Grants</h2>
      <GrantsAdmin canWrite={can(me.role, "grants:write")} />
    </>
  );
}
