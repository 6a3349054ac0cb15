import { route } from "@/lib/http/route";
import { whoCan } from "@/lib/services/access";

export const GET = route("GET /api/v1/access/repository", async ({ query }) => whoCan(query.name));
