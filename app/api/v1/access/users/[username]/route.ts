import { route } from "@/lib/http/route";
import { userReach } from "@/lib/services/access";
import { param } from "@/lib/validation/params";

export const GET = route("GET /api/v1/access/users/{username}", async ({ params }) =>
  userReach(param(params, "username")),
);
