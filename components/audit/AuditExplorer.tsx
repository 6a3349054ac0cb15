"use client";

import { useRouter } from "next/navigation";
import type { AuditFilterView } from "@/lib/query/audit";
import { AuditEventsTable } from "./AuditEventsTable";
import { AuditFilterForm } from "./AuditFilterForm";
import { AuditSummary } from "./AuditSummary";
import { ExportButtons } from "./ExportButtons";
import { SavedViews } from "./SavedViews";
import { VerifyChain } from "./VerifyChain";

/**
 * The audit log: filters, activity chart and top denials, the events (keyset pages), export and
 * chain verification. The filter lives in the URL: a filtered view is a link to share or
 * bookmark, and the back button returns to the previous filter.
 */
export function AuditExplorer({ initial }: { initial: AuditFilterView }) {
  const router = useRouter();
  const query = new URLSearchParams(initial as Record<string, string>).toString();
  const show = (f: AuditFilterView) =>
    router.push(`/audit?${new URLSearchParams(f as Record<string, string>).toString()}`);
  return (
    <>
      {/* Remounted per filter, so its fields show the URL's filter after back and forward. */}
      <AuditFilterForm key={query} initial={initial} onFilter={show} />
      <SavedViews query={query} />
      <AuditSummary filter={initial} onRange={(r) => show({ ...initial, ...r })} />
      <div className="row" style={{ justifyContent: "space-between", marginBottom: 10 }}>
        <ExportButtons query={query} />
        <VerifyChain />
      </div>
      <AuditEventsTable filter={initial} />
    </>
  );
}
