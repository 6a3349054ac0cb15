import { route } from "@/lib/http/route";
import { userReach } from "@/lib/services/access";

export const GET = route("GET /api/v1/access/users/{username}", async ({ params }) => userReach(params.username));
