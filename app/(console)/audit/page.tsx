import Link from "next/link";
import { AuditExplorer } from "@/components/audit/AuditExplorer";
import type { AuditFilterView } from "@/lib/query/audit";
import { Forbidden } from "@/components/ui/Forbidden";
import { PageHeader } from "@/components/ui/PageHeader";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";

export const metadata = { title: "Audit log" };

const KEYS = [
  "from",
  "to",
  "actor",
  "repository",
  "prefix",
  "tag",
  "action",
  "operation",
  "outcome",
  "credential",
  "q",
] as const;

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const me = await requireUser();
  if (!can(me.role, "audit:read")) return <Forbidden what="the audit log" />;
  const sp = await searchParams;
  // Links from users, tokens and repositories land here with their filter.
  const initial: AuditFilterView = {};
  for (const k of KEYS) if (typeof sp[k] === "string" && sp[k]) initial[k] = (sp[k] as string).slice(0, 255);
  return (
    <>
      <PageHeader
        title="Audit log"
        lead="Every token decision, granted or denied with its reason, every change made in Portcullis, and every registry push, pull and delete."
      />
      <p>
        <Link href="/audit/tags">Tag history: who pushed or overwrote a tag, and who tried and failed →</Link>
      </p>
      <AuditExplorer initial={initial} />
    </>
  );
}
