import { auditEventsAscending, type AuditFilter, type AuditRow } from "../db/audit-events";

export const CSV_COLUMNS = [
  "id",
  "time",
  "actorName",
  "actorKind",
  "credential",
  "action",
  "outcome",
  "reason",
  "repository",
  "tag",
  "digest",
  "clientIp",
  "userAgent",
  "requestId",
  "requested",
  "granted",
] as const;

/**
 * One CSV cell: quoted when it holds a separator, quote or line break; and a value a spreadsheet
 * would run as a formula (=, +, -, @, tab, carriage return first) is prefixed with ' to stay text.
 */
export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (r: AuditRow) => CSV_COLUMNS.map((c) => csvCell(r[c])).join(",") + "\r\n";
export const jsonLine = (r: AuditRow) => JSON.stringify(r) + "\n";

/**
 * The filter's events, oldest first, as CSV or JSON lines, streamed a batch at a time: the whole
 * result is never held in memory, and a slow reader slows the reads (the stream pulls on demand).
 */
export function exportStream(filter: AuditFilter, format: "csv" | "jsonl"): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  const batches = auditEventsAscending(filter, 2000);
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started && format === "csv") controller.enqueue(enc.encode(CSV_COLUMNS.join(",") + "\r\n"));
      started = true;
      const next = await batches.next();
      if (next.done) return controller.close();
      controller.enqueue(enc.encode(next.value.map(format === "csv" ? csvLine : jsonLine).join("")));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}
