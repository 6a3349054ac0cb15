import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/config/env";
import { overviewCounts, overviewHealth } from "@/lib/db/overview";
import { listAuditEvents } from "@/lib/db/audit-events";
import { refusalSpike } from "@/lib/services/overview";
import { RegistryHealth } from "@/components/overview/RegistryHealth";
import { listRegistries } from "@/lib/db/registries";

export const metadata = { title: "Overview" };

export default async function OverviewPage() {
  const user = await requireUser();
  const [{ users, teams, grants, tokens, pendingRequests }, registries, health, recent] = await Promise.all([
    overviewCounts(user.id),
    listRegistries(),
    overviewHealth(),
    can(user.role, "audit:read") ? listAuditEvents({}, { limit: 8 }) : null,
  ]);
  const e = env();
  const spike = refusalSpike(health.refusedLastHour, health.refusedDay);
  return (
    <>
      <PageHeader
        title="Overview"
        lead="Who may push and pull which images, decided here for every docker login, push and pull."
      />
      <div className="card" data-testid="everything-fine">
        <h2>Is everything fine?</h2>
        {can(user.role, "registries:check") && <RegistryHealth registries={registries.map((r) => r.name)} />}
        <ul className="health">
          {can(user.role, "audit:read") && (
            <li className="row" data-testid="health-refusals">
              <span className={`badge ${spike ? "danger" : "ok"}`}>refusals</span>
              {health.refusedLastHour} refused token requests in the last hour
              {spike
                ? ` — far above the usual ${Math.round(health.refusedDay / 24)} an hour: a broken CI secret, or someone guessing`
                : ` (usually ${Math.round(health.refusedDay / 24)} an hour)`}
              {spike && <Link href="/audit?outcome=denied">see them</Link>}
            </li>
          )}
          {can(user.role, "tokens:read_any") && (
            <li className="row" data-testid="health-expiring">
              <span className={`badge ${health.expiringTokens ? "warn" : "ok"}`}>tokens</span>
              {health.expiringTokens
                ? `${health.expiringTokens} access ${health.expiringTokens === 1 ? "token expires" : "tokens expire"} within 7 days`
                : "no access token expires within 7 days"}
              {health.expiringTokens > 0 && <Link href="/tokens">see which</Link>}
            </li>
          )}
          {can(user.role, "users:read") && (
            <li className="row" data-testid="health-lockouts">
              <span className={`badge ${health.lockouts ? "warn" : "ok"}`}>lockouts</span>
              {health.lockouts
                ? `${health.lockouts} ${health.lockouts === 1 ? "account is" : "accounts are"} locked out after wrong passwords`
                : "no account is locked out"}
              {health.lockouts > 0 && <Link href="/users">lift them</Link>}
            </li>
          )}
          {can(user.role, "grants:read") && (
            <li className="row" data-testid="health-requests">
              <span className={`badge ${pendingRequests ? "warn" : "ok"}`}>requests</span>
              {pendingRequests
                ? `${pendingRequests} access ${pendingRequests === 1 ? "request waits" : "requests wait"} for an answer`
                : "no access request waits for an answer"}
              {pendingRequests > 0 && <Link href="/access#access-requests">answer</Link>}
            </li>
          )}
        </ul>
      </div>
      {recent && (
        <div className="card">
          <h2>Recent activity</h2>
          <ul data-testid="recent-activity">
            {recent.events.map((ev) => (
              <li key={ev.id}>
                <Link href={`/audit/${ev.id}`}>{ev.time.slice(0, 19).replace("T", " ")}</Link>{" "}
                <span className="mono">{ev.action}</span> <span className="badge">{ev.outcome}</span>{" "}
                {ev.actorName ?? "—"}
                {ev.repository && (
                  <>
                    {" "}
                    on <span className="mono">{ev.repository}</span>
                  </>
                )}
              </li>
            ))}
            {recent.events.length === 0 && <li className="muted">Nothing yet.</li>}
          </ul>
          <Link href="/audit">The whole audit log</Link>
        </div>
      )}
      <div className="grid">
        <div className="card">
          <div className="stat">{users}</div>
          <div className="stat-label">users</div>
        </div>
        <div className="card">
          <div className="stat">{teams}</div>
          <div className="stat-label">teams</div>
        </div>
        <div className="card">
          <div className="stat">{grants}</div>
          <div className="stat-label">grants</div>
        </div>
        <div className="card">
          <div className="stat">{tokens}</div>
          <div className="stat-label">your active tokens</div>
        </div>
      </div>
      <div className="card">
        <h2>Connect a registry</h2>
        <p className="muted">
          Point the registry&apos;s token authentication at Portcullis. The <Link href="/registry">Registry</Link> page
          has the full section and the certificate bundle.
        </p>
        <pre>{`auth:
  token:
    realm: ${e.publicUrl}/api/registry/token
    service: ${registries[0]?.service ?? e.PORTCULLIS_REGISTRY_SERVICE}
    issuer: ${e.PORTCULLIS_ISSUER}
    rootcertbundle: /etc/docker/registry/portcullis-certs.pem   # from ${e.publicUrl}/api/registry/certs.pem`}</pre>
      </div>
    </>
  );
}
