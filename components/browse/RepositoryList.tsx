"use client";

import Link from "next/link";
import { useState } from "react";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { LoadMore } from "@/components/ui/LoadMore";
import { useRepositories } from "@/lib/query/browse";
import type { RegistryView } from "@/lib/query/registries";

export type BrowseRegistry = Pick<RegistryView, "name" | "url" | "authMode" | "browseMode">;

/** The repositories the person may pull, one registry at a time; search and "more" follow the registry's paging. */
export function RepositoryList({ registries }: { registries: BrowseRegistry[] }) {
  const usable = registries.filter((r) => r.authMode === "token");
  const [registry, setRegistry] = useState(usable[0]?.name ?? "");
  const [q, setQ] = useState("");
  const repos = useRepositories(registry, q);
  const rows = repos.data?.pages.flatMap((p) => p.repositories) ?? [];
  if (usable.length === 0)
    return (
      <p className="notice">
        No registry uses Portcullis&apos;s token authentication, so there is nothing Portcullis can browse.
      </p>
    );
  return (
    <>
      <div className="toolbar" role="search">
        <div className="field">
          <label htmlFor="b-registry">Registry</label>
          <select id="b-registry" value={registry} onChange={(e) => setRegistry(e.target.value)}>
            {usable.map((r) => (
              <option key={r.name} value={r.name}>
                {r.name} ({new URL(r.url).host})
              </option>
            ))}
          </select>
        </div>
        <div className="field" style={{ flex: 2 }}>
          <label htmlFor="b-q">Search</label>
          <input
            id="b-q"
            value={q}
            onChange={(e) => setQ(e.target.value.trim())}
            placeholder="part of a repository name"
          />
        </div>
      </div>
      {repos.isPending && <p className="muted">Asking {registry}…</p>}
      {repos.isError && (
        <div data-testid="registry-error">
          <ErrorNote error={repos.error} />
          <button type="button" onClick={() => void repos.refetch()}>
            Try again
          </button>
        </div>
      )}
      {repos.data && (
        <div className="table-wrap">
          <table data-testid="repositories">
            <thead>
              <tr>
                <th>Repository</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((name) => (
                <tr key={name}>
                  <td className="mono">
                    <Link href={`/browse/${encodeURIComponent(registry)}/${name}`}>{name}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length === 0 && <div className="empty">No repositories you may pull{q ? ` match “${q}”` : ""}.</div>}
        </div>
      )}
      <LoadMore query={repos} label="More repositories" />
    </>
  );
}
