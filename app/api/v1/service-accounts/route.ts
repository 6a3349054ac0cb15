import { listServiceAccounts } from "@/lib/db/service-accounts";
import { route } from "@/lib/http/route";
import { addServiceAccount } from "@/lib/services/teams";

export const GET = route("GET /api/v1/service-accounts", async ({ query }) => {
  const { items, nextCursor } = await listServiceAccounts(query);
  return { serviceAccounts: items, nextCursor };
});

export const POST = route(
  "POST /api/v1/service-accounts",
  async ({ actor, body }) => await addServiceAccount(actor, body),
);
