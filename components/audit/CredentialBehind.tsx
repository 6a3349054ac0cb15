import type { CredentialAttributionView } from "@/lib/validation/audit";

/** The credential behind a registry event: one (linking the decision that authorised it), the candidates, or none found. */
export function CredentialBehind({ a }: { a: CredentialAttributionView }) {
  if (a.kind === "none") return <span className="muted">no matching token decision</span>;
  if (a.kind === "one") {
    const c = a.credentials[0];
    return (
      <span data-testid="credential-behind">
        {c.label} <a href={`/audit/${c.decision}`}>(decision {c.decision})</a>
        {a.byAddress && <span className="muted"> · by the client&apos;s address</span>}
      </span>
    );
  }
  return (
    <span data-testid="credential-behind">
      one of:
      <ul className="compact">
        {a.credentials.map((c) => (
          <li key={c.credential}>
            {c.label} <a href={`/audit/${c.decision}`}>(decision {c.decision})</a>
          </li>
        ))}
      </ul>
    </span>
  );
}
