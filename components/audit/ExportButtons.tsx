"use client";

import { useState } from "react";
import { auditCount } from "@/lib/query/audit";

/** Streams the export, counting lines against the filter's total for a progress bar, then saves it. */
export function ExportButtons({ query }: { query: string }) {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function run(format: "csv" | "jsonl") {
    setError(null);
    try {
      const { count } = await auditCount(query);
      setProgress({ done: 0, total: count });
      const res = await fetch(`/api/v1/audit-events/export?${query}${query ? "&" : ""}format=${format}`, {
        credentials: "same-origin",
      });
      if (!res.ok || !res.body) throw new Error(`export failed (${res.status})`);
      const reader = res.body.getReader();
      const parts: BlobPart[] = [];
      let lines = format === "csv" ? -1 : 0; // the CSV header is not an event
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        for (const b of value) if (b === 10) lines++;
        setProgress({ done: Math.max(0, lines), total: count });
      }
      const url = URL.createObjectURL(
        new Blob(parts, { type: format === "csv" ? "text/csv" : "application/x-ndjson" }),
      );
      Object.assign(document.createElement("a"), { href: url, download: `portcullis-audit.${format}` }).click();
      URL.revokeObjectURL(url);
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <span className="row">
      <button type="button" onClick={() => void run("csv")}>
        Export CSV
      </button>
      <button type="button" onClick={() => void run("jsonl")}>
        Export JSON lines
      </button>
      {progress && (
        <span className="row" data-testid="export-progress">
          <progress max={Math.max(1, progress.total)} value={progress.done} /> {progress.done} / {progress.total}
        </span>
      )}
      {error && <span className="error">{error}</span>}
    </span>
  );
}
