"use client";

import { useState } from "react";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { fieldText, SchemaForm } from "@/components/ui/SchemaForm";
import { useChangeRegistry, useRegistryCheck, type RegistryCheck, type RegistryView } from "@/lib/query/registries";
import { CopyableText } from "@/components/ui/CopyableText";

const BADGE: Record<RegistryCheck["results"][number]["status"], string> = {
  ok: "ok",
  warn: "warn",
  fail: "danger",
  skipped: "",
};

export function CheckCard({ registry, canWrite }: { registry: RegistryView; canWrite: boolean }) {
  const check = useRegistryCheck(registry.name);
  const [offerError, setOfferError] = useState<string | null>(null);
  const offer = useChangeRegistry((e) => setOfferError(e.message));
  return (
    <div className="card" data-testid={`check-${registry.name}`}>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 style={{ margin: 0 }}>Check {registry.name}</h2>
        <button type="button" onClick={() => check.mutate()} disabled={check.isPending}>
          {check.isPending ? "Checking…" : "Run checks"}
        </button>
      </div>
      <ErrorNote error={check.error ?? offerError} />
      {registry.caCertificate && (
        <p className="muted">
          A CA certificate is offered to clients (Set up my machine).{" "}
          {canWrite && (
            <button type="button" onClick={() => offer.mutate({ name: registry.name, body: { caCertificate: null } })}>
              Stop offering it
            </button>
          )}
        </p>
      )}
      {canWrite && registry.url.startsWith("https:") && !registry.caCertificate && (
        <details>
          <summary>Offer your CA certificate to clients (private or self-signed certificates)</summary>
          <SchemaForm
            aria-label={`CA certificate for ${registry.name}`}
            schema={() => import("@/lib/validation/registry").then((m) => m.caCertificateInput)}
            read={(f) => ({ caCertificate: fieldText(f, "pem") })}
            onMessage={setOfferError}
            onValid={(body) => offer.mutate({ name: registry.name, body }, { onSuccess: () => setOfferError(null) })}
          >
            <div className="field">
              <label htmlFor={`ca-${registry.id}`}>CA certificate (PEM)</label>
              <textarea id={`ca-${registry.id}`} name="pem" rows={6} placeholder="-----BEGIN CERTIFICATE-----" />
            </div>
            <button type="submit" className="primary" disabled={offer.isPending}>
              Offer to clients
            </button>
          </SchemaForm>
        </details>
      )}
      {check.data && (
        <table style={{ marginTop: 12 }}>
          <thead>
            <tr>
              <th>Check</th>
              <th>Result</th>
              <th>Detail and fix</th>
            </tr>
          </thead>
          <tbody>
            {check.data.results.map((r) => (
              <tr key={r.check}>
                <td>{r.check}</td>
                <td>
                  <span className={`badge ${BADGE[r.status]}`}>{r.status}</span>
                </td>
                <td>
                  {r.detail}
                  {r.fix && <CopyableText text={r.fix} label={`fix for ${r.check}`} wrap />}
                  {r.certificate && canWrite && (
                    <button
                      type="button"
                      className="primary"
                      disabled={offer.isPending}
                      onClick={() =>
                        offer.mutate(
                          { name: registry.name, body: { caCertificate: r.certificate } },
                          { onSuccess: () => check.mutate() },
                        )
                      }
                    >
                      Offer this CA to clients
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
