"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { api, seg } from "@/lib/query/api";
import type { RegistryCheck } from "@/lib/query/registries";

/**
 * Each registry's checks, run when the Overview opens (each check has its own deadline), summed up
 * as one line: all fine, or how many warn and fail, with the Registry page for the fixes.
 */
export function RegistryHealth({ registries }: { registries: string[] }) {
  return (
    <ul className="health" data-testid="registry-health">
      {registries.map((name) => (
        <RegistryLine key={name} name={name} />
      ))}
    </ul>
  );
}

function RegistryLine({ name }: { name: string }) {
  const check = useQuery({
    queryKey: ["overview-check", name],
    queryFn: () => api<RegistryCheck>(`/api/v1/registries/${seg(name)}/check`, { method: "POST" }),
    staleTime: 60_000,
    retry: false,
  });
  const results = check.data?.results ?? [];
  const failing = results.filter((r) => r.status === "fail");
  const warning = results.filter((r) => r.status === "warn");
  const badge = check.isPending ? "" : check.isError || failing.length ? "danger" : warning.length ? "warn" : "ok";
  const text = check.isPending
    ? "checking…"
    : check.isError
      ? `could not be checked: ${check.error.message}`
      : failing.length
        ? `${failing.length} failing: ${failing.map((r) => r.check).join(", ")}`
        : warning.length
          ? `${warning.length} to look at: ${warning.map((r) => r.check).join(", ")}`
          : "all checks pass";
  return (
    <li className="row" data-testid={`health-${name}`}>
      <span className={`badge ${badge}`}>{name}</span> {text}
      {(failing.length > 0 || warning.length > 0 || check.isError) && <Link href="/registry">fix it</Link>}
    </li>
  );
}
