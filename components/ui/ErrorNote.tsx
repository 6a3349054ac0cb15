/** An error a person can act on, announced to screen readers. */
export function ErrorNote({ error }: { error: string | Error | null | undefined }) {
  if (!error) return null;
  return (
    <div className="error" role="alert">
      {typeof error === "string" ? error : error.message}
    </div>
  );
}
