import { route } from "@/lib/http/route";
import { getAccessRequest } from "@/lib/services/access-requests";

export const GET = route("GET /api/v1/access-requests/{id}", ({ params, steward }) =>
  getAccessRequest(params.id, { steward }),
);
