import { ConfigPanel } from "@/components/registry/ConfigPanel";
import { HtpasswdPanel } from "@/components/registry/HtpasswdPanel";
import { PoliciesPanel } from "@/components/registry/PoliciesPanel";
import { POLICY_FORMATS } from "@/lib/registry/policy-formats";
import { RegistriesPanel } from "@/components/registry/RegistriesPanel";
import { PageHeader } from "@/components/ui/PageHeader";
import { Time } from "@/components/ui/Time";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/config/env";
import { listRegistries } from "@/lib/db/registries";
import { listSigningKeys } from "@/lib/db/signing-keys";
import { tokenAuthSection } from "@/lib/registry/config-yaml";

export const metadata = { title: "Registry" };

const bundleUrl = (registry: string) => `/api/registry/certs.pem?registry=${encodeURIComponent(registry)}`;

export default async function RegistryPage() {
  const me = await requireUser();
  const e = env();
  const [registries, keys] = await Promise.all([listRegistries(), listSigningKeys()]);
  return (
    <>
      <PageHeader title="Registry" lead="The registries that ask Portcullis who may do what, and how to connect one." />
      <RegistriesPanel canWrite={can(me.role, "registries:write")} canCheck={can(me.role, "registries:check")} />
      {registries
        .filter((r) => r.authMode === "token")
        .map((r) => (
          <div className="card" key={r.id}>
            <h2>Token authentication for {r.name}</h2>
            <p className="muted">
              Save <a href={bundleUrl(r.name)}>certs.pem</a> on the registry host, add this to its config.yml, and
              restart it.
              {keys.some((k) => k.registry?.name === r.name) && " This registry has its own signing key."}
            </p>
            <pre>
              {tokenAuthSection({
                realm: `${e.publicUrl}/api/registry/token`,
                service: r.service,
                issuer: e.PORTCULLIS_ISSUER,
                bundlePath: "/etc/docker/registry/portcullis-certs.pem",
              })}
            </pre>
            <pre>{`curl -fsS '${e.publicUrl}${bundleUrl(r.name)}' -o /etc/docker/registry/portcullis-certs.pem`}</pre>
          </div>
        ))}
      {can(me.role, "registries:write") && (
        <>
          <ConfigPanel registries={registries.map((r) => ({ name: r.name, authMode: r.authMode }))} />
          <HtpasswdPanel writePath={e.PORTCULLIS_HTPASSWD_PATH ?? null} registries={registries.map((r) => r.name)} />
        </>
      )}
      {can(me.role, "grants:read") && (
        <PoliciesPanel
          canImport={can(me.role, "grants:write")}
          formats={POLICY_FORMATS.map(({ id, label }) => ({ id, label }))}
          registries={registries.map((r) => r.name)}
        />
      )}
      <h2>Signing keys</h2>
      <p className="muted">
        To rotate: prepare the next key (it joins certs.pem), give registries the new bundle, then activate it. The old
        key stays in the bundle until the tokens it signed have expired. A registry can have its own key (
        <code>POST /api/v1/signing-keys</code> with its name): its bundle then trusts only its own keys, so tokens
        signed for another registry never verify there.
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Key id</th>
              <th>Signs for</th>
              <th>Algorithm</th>
              <th>Status</th>
              <th>Created</th>
              <th>Retired</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id}>
                <td className="mono">{k.kid}</td>
                <td>{k.registry?.name ?? "every registry without its own"}</td>
                <td>{k.algorithm}</td>
                <td>
                  <span className={`badge ${k.status === "active" ? "ok" : k.status === "pending" ? "warn" : ""}`}>
                    {k.status}
                  </span>
                </td>
                <td>
                  <Time value={k.createdAt} />
                </td>
                <td>
                  <Time value={k.retiredAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
