import { findTeamByName } from "@/lib/db/teams";
import { listGrants } from "@/lib/db/grants";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { presentGrant } from "@/lib/services/grants";
import { changeTeam, removeTeam } from "@/lib/services/teams";

export const GET = route("GET /api/v1/teams/{name}", async ({ params }) => {
  const t = await findTeamByName(params.name);
  if (!t) throw notFound("team");
  const grants = await listGrants({ teamId: t.id });
  return { ...t, members: t.members.map((m) => m.user), grants: grants.map(presentGrant) };
});

export const PATCH = route("PATCH /api/v1/teams/{name}", async ({ actor, body, params }) =>
  changeTeam(actor, params.name, body),
);

export const DELETE = route("DELETE /api/v1/teams/{name}", async ({ actor, params }) => removeTeam(actor, params.name));
