import { route } from "@/lib/http/route";
import { listMyAccessRequests, requestAccess } from "@/lib/services/access-requests";

export const GET = route("GET /api/v1/me/access-requests", ({ caller, query }) => listMyAccessRequests(caller, query));

export const POST = route("POST /api/v1/me/access-requests", ({ caller, actor, body }) =>
  requestAccess(caller, actor, body),
);
