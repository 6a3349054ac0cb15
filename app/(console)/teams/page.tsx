import { ServiceAccountsAdmin } from "@/components/admin/ServiceAccountsAdmin";
import { TeamsAdmin } from "@/components/admin/teams/TeamsAdmin";
import { Forbidden } from "@/components/ui/Forbidden";
import { PageHeader } from "@/components/ui/PageHeader";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/config/env";
import { registryHost } from "@/lib/db/registries";

export const metadata = { title: "Teams" };

export default async function TeamsPage() {
  const me = await requireUser();
  if (!can(me.role, "teams:read")) return <Forbidden what="teams" />;
  return (
    <>
      <PageHeader title="Teams" lead="Grant access to a team once; every member gets it." />
      <TeamsAdmin canWrite={can(me.role, "teams:write")} directory={env().ldap?.name ?? env().oidc?.name ?? null} />
      <h2 style={{ marginTop: 28 }}>Service accounts</h2>
      <ServiceAccountsAdmin canWrite={can(me.role, "service_accounts:write")} registryHost={await registryHost()} />
    </>
  );
}
