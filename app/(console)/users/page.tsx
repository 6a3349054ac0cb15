import { UsersAdmin } from "@/components/admin/users/UsersAdmin";
import { Forbidden } from "@/components/ui/Forbidden";
import { PageHeader } from "@/components/ui/PageHeader";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requireUser();
  if (!can(me.role, "users:read")) return <Forbidden what="users" />;
  return (
    <>
      <PageHeader
        title="Users"
        lead="People who sign in to the console and use docker login with their password or tokens."
      />
      <UsersAdmin canWrite={can(me.role, "users:write")} canAudit={can(me.role, "audit:read")} me={me.username} />
    </>
  );
}
