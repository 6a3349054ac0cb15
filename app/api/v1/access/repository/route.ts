import { route } from "@/lib/http/route";
import { whoCan } from "@/lib/services/access";
import { repositoryQuery } from "@/lib/validation/access";

export const GET = route({ access: "grants:read", query: repositoryQuery }, async ({ query }) => whoCan(query.name));
