import { route } from "@/lib/http/route";
import { userReach } from "@/lib/services/access";
import { param } from "@/lib/validation/params";

export const GET = route({ access: "grants:read" }, async ({ params }) => userReach(param(params, "username")));
