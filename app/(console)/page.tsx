import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/config/env";
import { overviewCounts } from "@/lib/db/overview";
import { listRegistries } from "@/lib/db/registries";

export const metadata = { title: "Overview" };

export default async function OverviewPage() {
  const user = await requireUser();
  const [{ users, teams, grants, tokens, pendingRequests }, registries] = await Promise.all([
    overviewCounts(user.id),
    listRegistries(),
  ]);
  const e = env();
  return (
    <>
      <PageHeader
        title="Overview"
        lead="Who may push and pull which images, decided here for every docker login, push and pull."
      />
      {pendingRequests > 0 && can(user.role, "grants:read") && (
        <p className="notice" role="status">
          {pendingRequests} access {pendingRequests === 1 ? "request is" : "requests are"} waiting for an answer:{" "}
          <Link href="/access#access-requests">answer on the Access page</Link>.
        </p>
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
