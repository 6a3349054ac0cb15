import { listServiceAccounts } from "@/lib/db/service-accounts";
import { route } from "@/lib/http/route";
import { addServiceAccount } from "@/lib/services/teams";

/** Admins and auditors list every service account; maintainers those of the teams they maintain. */
export const GET = route("GET /api/v1/service-accounts", async ({ query, steward }) => {
  const mine = steward.admin ? undefined : steward.teams.filter((t) => t.role === "maintainer").map((t) => t.team);
  const teams = query.team ? (mine ?? [query.team]).filter((t) => t === query.team) : mine;
  const { items, nextCursor } = await listServiceAccounts(query, teams);
  return { serviceAccounts: items, nextCursor };
});

export const POST = route(
  "POST /api/v1/service-accounts",
  async ({ actor, body, steward }) => await addServiceAccount(actor, steward, body),
);
