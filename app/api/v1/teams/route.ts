import { listTeams } from "@/lib/db/teams";
import { actorOf } from "@/lib/http/actor";
import { json, route } from "@/lib/http/route";
import { addTeam } from "@/lib/services/teams";

export const GET = route("GET /api/v1/teams", async () => ({ teams: await listTeams() }));

export const POST = route("POST /api/v1/teams", async ({ caller, body, req, requestId }) =>
  json(await addTeam(actorOf(caller, req, requestId), body), 201),
);
