import { actorOf } from "@/lib/http/actor";
import { json, route } from "@/lib/http/route";
import { setMembership } from "@/lib/services/teams";
import { param } from "@/lib/validation/params";

export const POST = route("POST /api/v1/teams/{name}/members", async ({ caller, body, params, req, requestId }) =>
  json(await setMembership(actorOf(caller, req, requestId), param(params, "name"), body.username, true), 201),
);
