export function Forbidden({ what }: { what: string }) {
  return (
    <div className="card" role="alert">
      <h2>Not available to your role</h2>
      <p className="muted">
        Viewing {what} needs the administrator or auditor role. Ask an administrator if you need access.
      </p>
    </div>
  );
}
