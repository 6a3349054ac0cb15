"use client";

import { useState } from "react";
import type { AuditFilterView } from "@/lib/query/audit";
import { AuditEventsTable } from "./AuditEventsTable";
import { AuditFilterForm } from "./AuditFilterForm";
import { AuditSummary } from "./AuditSummary";
import { ExportButtons } from "./ExportButtons";
import { VerifyChain } from "./VerifyChain";

/** The audit log: filters, activity chart and top denials, the events (keyset pages), export and chain verification. */
export function AuditExplorer({ initial }: { initial: AuditFilterView }) {
  const [filter, setFilter] = useState<AuditFilterView>(initial);
  return (
    <>
      <AuditFilterForm initial={initial} onFilter={setFilter} />
      <AuditSummary filter={filter} />
      <div className="row" style={{ justifyContent: "space-between", marginBottom: 10 }}>
        <ExportButtons query={new URLSearchParams(filter as Record<string, string>).toString()} />
        <VerifyChain />
      </div>
      <AuditEventsTable filter={filter} />
    </>
  );
}
