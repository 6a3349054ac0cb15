import { z } from "zod";
import { listGrants } from "@/lib/db/grants";
import { actorOf } from "@/lib/http/actor";
import { json, route } from "@/lib/http/route";
import { addGrant, presentGrant } from "@/lib/services/grants";
import { createGrantInput } from "@/lib/validation/grant";

const listQuery = z.object({
  repository: z.string().max(255).optional(),
  subject: z.string().max(64).optional(),
});

export const GET = route({ access: "grants:read", query: listQuery }, async ({ query }) => {
  const grants = await listGrants({
    ...(query.repository ? { repository: { contains: query.repository } } : {}),
    ...(query.subject
      ? { OR: [{ user: { username: query.subject } }, { team: { name: query.subject } }, { serviceAccount: { name: query.subject } }] }
      : {}),
  });
  return { grants: grants.map(presentGrant) };
});

export const POST = route({ access: "grants:write", body: createGrantInput }, async ({ caller, body, req, requestId }) =>
  json(await addGrant(actorOf(caller, req, requestId), body), 201),
);
