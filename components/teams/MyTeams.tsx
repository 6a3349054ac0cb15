"use client";

import { useState } from "react";
import { AccessRequestsAdmin } from "@/components/admin/access/AccessRequestsAdmin";
import { GrantsAdmin } from "@/components/admin/GrantsAdmin";
import { ServiceAccountsAdmin } from "@/components/admin/ServiceAccountsAdmin";
import { TeamPanel } from "@/components/admin/teams/TeamPanel";
import { AuditEventsTable } from "@/components/audit/AuditEventsTable";

type Mine = { team: string; role: "maintainer" | "member"; namespaces: string[] };

/**
 * The team area of someone who is not an admin: each of their teams, and for the teams they
 * maintain, what they run there (like a Harbor project page): members and roles, the team's
 * service accounts and their tokens, the grants inside its namespaces, requests for access to
 * them, and what happened in them. The API decides what each list holds.
 */
export function MyTeams({
  teams,
  directory,
  registryHost,
}: {
  teams: Mine[];
  directory: string | null;
  registryHost: string;
}) {
  const [selected, setSelected] = useState<string | null>(teams[0]?.team ?? null);
  const current = teams.find((t) => t.team === selected);
  const maintains = teams.filter((t) => t.role === "maintainer");
  if (teams.length === 0)
    return (
      <div className="empty card" data-testid="no-teams">
        You are not in a team yet. An admin adds you to one (or makes you its maintainer); then it shows here.
      </div>
    );
  return (
    <>
      <nav className="toolbar" aria-label="Your teams">
        {teams.map((t) => (
          <button
            key={t.team}
            type="button"
            aria-pressed={t.team === selected}
            className={t.team === selected ? "primary" : undefined}
            onClick={() => setSelected(t.team)}
          >
            {t.team} ({t.role})
          </button>
        ))}
      </nav>
      {current && (
        <TeamPanel
          key={current.team}
          name={current.team}
          canWrite={false}
          directory={directory}
          onRenamed={setSelected}
          onDeleted={() => setSelected(null)}
        />
      )}
      {current?.role === "maintainer" && (
        <>
          <h2 style={{ marginTop: 28 }}>Service accounts of {current.team}</h2>
          <ServiceAccountsAdmin canWrite registryHost={registryHost} team={current.team} key={current.team} />
          <h2 style={{ marginTop: 28 }}>Access inside your namespaces</h2>
          <GrantsAdmin canWrite namespaces={maintains.flatMap((t) => t.namespaces)} />
          <AccessRequestsAdmin canWrite />
          <div className="card">
            <h2>Activity in your namespaces</h2>
            <AuditEventsTable filter={{}} />
          </div>
        </>
      )}
    </>
  );
}
