import { route } from "@/lib/http/route";
import { checkDirectoryConnection } from "@/lib/services/directory";

export const POST = route("POST /api/v1/settings/directory/check", ({ body }) =>
  checkDirectoryConnection(body.username),
);
