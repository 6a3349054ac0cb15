import { listServiceAccounts } from "@/lib/db/service-accounts";
import { actorOf } from "@/lib/http/actor";
import { json, route } from "@/lib/http/route";
import { addServiceAccount } from "@/lib/services/teams";
import { createServiceAccountInput } from "@/lib/validation/team";

export const GET = route({ access: "service_accounts:read" }, async () => ({ serviceAccounts: await listServiceAccounts() }));

export const POST = route({ access: "service_accounts:write", body: createServiceAccountInput }, async ({ caller, body, req, requestId }) =>
  json(await addServiceAccount(actorOf(caller, req, requestId), body), 201),
);
