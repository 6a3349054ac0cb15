import Link from "next/link";
import { TagHistory } from "@/components/audit/TagHistory";
import { Forbidden } from "@/components/ui/Forbidden";
import { PageHeader } from "@/components/ui/PageHeader";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";

export const metadata = { title: "Tag history" };

export default async function TagHistoryPage({
  searchParams,
}: {
  searchParams: Promise<{ repository?: string; tag?: string }>;
}) {
  const me = await requireUser();
  if (!can(me.role, "audit:read")) return <Forbidden what="the audit log" />;
  const sp = await searchParams;
  return (
    <>
      <PageHeader
        title="Tag history"
        lead="Which digest each tag pointed to when (from the registry's own events), overwrites flagged, and the pushes that were refused."
      />
      <p>
        <Link href="/audit">← Audit log</Link>
      </p>
      <TagHistory
        initial={{
          repository: typeof sp.repository === "string" ? sp.repository.slice(0, 300) : undefined,
          tag: typeof sp.tag === "string" ? sp.tag.slice(0, 200) : undefined,
        }}
      />
    </>
  );
}
