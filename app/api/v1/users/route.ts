import { listUsers } from "@/lib/db/users";
import { route } from "@/lib/http/route";
import { createUserAccount } from "@/lib/services/users";

export const GET = route("GET /api/v1/users", async ({ query }) => listUsers(query));

export const POST = route("POST /api/v1/users", async ({ actor, body }) => await createUserAccount(actor, body));
