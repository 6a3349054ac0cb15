const TONE: Record<string, string> = { approved: "ok", denied: "danger", pending: "warn" };

/** An access request's status, coloured by what it means for the person. */
export function RequestStatus({ status }: { status: string }) {
  return <span className={`badge ${TONE[status] ?? ""}`.trim()}>{status}</span>;
}
