import { listTeams } from "@/lib/db/teams";
import { route } from "@/lib/http/route";
import { addTeam } from "@/lib/services/teams";

export const GET = route("GET /api/v1/teams", async ({ query }) => listTeams(query));

export const POST = route("POST /api/v1/teams", async ({ actor, body }) => await addTeam(actor, body));
