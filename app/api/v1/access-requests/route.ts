import { route } from "@/lib/http/route";
import { listAccessRequests } from "@/lib/services/access-requests";

export const GET = route("GET /api/v1/access-requests", ({ query, steward }) =>
  listAccessRequests(steward, query.status, query),
);
