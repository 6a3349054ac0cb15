import { ServiceAccountsAdmin } from "@/components/admin/ServiceAccountsAdmin";
import { TeamsAdmin } from "@/components/admin/teams/TeamsAdmin";
import { MyTeams } from "@/components/teams/MyTeams";
import { PageHeader } from "@/components/ui/PageHeader";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/config/env";
import { loadStewardships } from "@/lib/db/namespaces";
import { registryHost } from "@/lib/db/registries";

export const metadata = { title: "Teams" };

/** Admins and auditors: every team. Everyone else: their own teams, and what they run in those they maintain. */
export default async function TeamsPage() {
  const me = await requireUser();
  const directory = env().ldap?.name ?? env().oidc?.name ?? null;
  if (!can(me.role, "teams:read")) {
    const mine = await loadStewardships(me.id);
    return (
      <>
        <PageHeader
          title="Teams"
          lead="Your teams; in those you maintain, you manage access to the team's namespaces."
        />
        <MyTeams
          teams={mine.map((t) => ({
            team: t.team,
            role: t.role,
            namespaces: t.namespaces.map((n) => `${n.pattern}${n.registry ? ` on ${n.registry}` : ""}`),
          }))}
          directory={directory}
          registryHost={await registryHost()}
        />
      </>
    );
  }
  return (
    <>
      <PageHeader title="Teams" lead="Grant access to a team once; every member gets it." />
      <TeamsAdmin canWrite={can(me.role, "teams:write")} directory={directory} />
      <h2 style={{ marginTop: 28 }}>Service accounts</h2>
      <ServiceAccountsAdmin canWrite={can(me.role, "service_accounts:write")} registryHost={await registryHost()} />
    </>
  );
}
