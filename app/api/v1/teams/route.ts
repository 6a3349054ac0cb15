import { listTeams } from "@/lib/db/teams";
import { json, route } from "@/lib/http/route";
import { addTeam } from "@/lib/services/teams";

export const GET = route("GET /api/v1/teams", async () => ({ teams: await listTeams() }));

export const POST = route("POST /api/v1/teams", async ({ actor, body }) =>
  json(await addTeam(actor, body), 201),
);
