import { AuditTable } from "@/components/audit/AuditTable";
import { Forbidden } from "@/components/ui/Forbidden";
import { PageHeader } from "@/components/ui/PageHeader";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";

export const metadata = { title: "Audit log" };

export default async function AuditPage() {
  const me = await requireUser();
  if (!can(me.role, "audit:read")) return <Forbidden what="the audit log" />;
  return (
    <>
      <PageHeader title="Audit log" lead="Every token decision, granted or denied with its reason, and every change made in Portcullis." />
      <AuditTable />
    </>
  );
}
