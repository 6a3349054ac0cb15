import { listTeams } from "@/lib/db/teams";
import { actorOf } from "@/lib/http/actor";
import { json, route } from "@/lib/http/route";
import { addTeam } from "@/lib/services/teams";
import { createTeamInput } from "@/lib/validation/team";

export const GET = route({ access: "teams:read" }, async () => ({ teams: await listTeams() }));

export const POST = route({ access: "teams:write", body: createTeamInput }, async ({ caller, body, req, requestId }) =>
  json(await addTeam(actorOf(caller, req, requestId), body), 201),
);
