import { requestIp } from "../http/client-info";
import { route } from "../http/route";
import { ingestNotifications } from "../services/notifications";

/**
 * The registry's `notifications` endpoint (see the Registry page's config.yml); its secret
 * authenticates it. Mounted by server.ts in front of Next (every push and pull sends one) and by
 * app/api/registry/events for `next dev`.
 */
export const registryEventsHandler = route("POST /api/registry/events", async ({ req, body }) =>
  ingestNotifications(new URL(req.url).searchParams.get("service"), req.headers.get("authorization"), body, {
    clientIp: requestIp(req),
  }),
);
