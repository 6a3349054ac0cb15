import { listGrants } from "@/lib/db/grants";
import { listTokens } from "@/lib/db/access-tokens";
import { route } from "@/lib/http/route";
import { presentGrant } from "@/lib/services/grants";
import { changeServiceAccount, removeServiceAccount, serviceAccountFor } from "@/lib/services/teams";
import { present } from "@/lib/services/tokens";

export const GET = route("GET /api/v1/service-accounts/{name}", async ({ params, steward }) => {
  const sa = await serviceAccountFor(steward, params.name);
  const [grants, tokens] = await Promise.all([
    listGrants({ serviceAccountId: sa.id }),
    listTokens({ serviceAccountId: sa.id }),
  ]);
  return { ...sa, grants: grants.map(presentGrant), tokens: tokens.map(present) };
});

export const PATCH = route("PATCH /api/v1/service-accounts/{name}", async ({ actor, body, params, steward }) =>
  changeServiceAccount(actor, steward, params.name, body),
);

export const DELETE = route("DELETE /api/v1/service-accounts/{name}", async ({ actor, params, steward }) =>
  removeServiceAccount(actor, steward, params.name),
);
