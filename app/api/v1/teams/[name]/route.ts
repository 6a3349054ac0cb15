import { listGrants } from "@/lib/db/grants";
import { listServiceAccounts } from "@/lib/db/service-accounts";
import { route } from "@/lib/http/route";
import { presentGrant } from "@/lib/services/grants";
import { teamNamespaces } from "@/lib/services/namespaces";
import { changeTeam, removeTeam, roleInTeam, teamFor } from "@/lib/services/teams";

/** A team's page: admins and auditors see any team, its members their own (anyone else: 404). */
export const GET = route("GET /api/v1/teams/{name}", async ({ caller, params, steward }) => {
  const t = await teamFor(steward, params.name);
  const [grants, namespaces, robots, yourRole] = await Promise.all([
    listGrants({ teamId: t.id }),
    teamNamespaces(t.id),
    listServiceAccounts({ limit: 1000 }, [t.name]),
    roleInTeam(caller, steward, t.name),
  ]);
  return {
    ...t,
    yourRole,
    members: t.members.map((m) => ({ ...m.user, role: m.role })),
    grants: grants.map(presentGrant),
    namespaces,
    serviceAccounts: robots.items,
  };
});

export const PATCH = route("PATCH /api/v1/teams/{name}", async ({ actor, body, params }) =>
  changeTeam(actor, params.name, body),
);

export const DELETE = route("DELETE /api/v1/teams/{name}", async ({ actor, params }) => removeTeam(actor, params.name));
