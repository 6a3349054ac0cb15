/** A timestamp shown in UTC, with the full ISO value on hover. */
export function Time({ value }: { value: Date | string | null | undefined }) {
  if (!value) return <span className="muted">—</span>;
  const d = new Date(value);
  return (
    <time dateTime={d.toISOString()} title={d.toISOString()}>
      {d.toISOString().slice(0, 16).replace("T", " ")} UTC
    </time>
  );
}
