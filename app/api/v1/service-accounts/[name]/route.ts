import { findServiceAccountByName } from "@/lib/db/service-accounts";
import { listGrants } from "@/lib/db/grants";
import { listTokens } from "@/lib/db/access-tokens";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { presentGrant } from "@/lib/services/grants";
import { changeServiceAccount, removeServiceAccount } from "@/lib/services/teams";
import { present } from "@/lib/services/tokens";

export const GET = route("GET /api/v1/service-accounts/{name}", async ({ params }) => {
  const sa = await findServiceAccountByName(params.name);
  if (!sa) throw notFound("service account");
  const [grants, tokens] = await Promise.all([
    listGrants({ serviceAccountId: sa.id }),
    listTokens({ serviceAccountId: sa.id }),
  ]);
  return { ...sa, grants: grants.map(presentGrant), tokens: tokens.map(present) };
});

export const PATCH = route("PATCH /api/v1/service-accounts/{name}", async ({ actor, body, params }) =>
  changeServiceAccount(actor, params.name, body),
);

export const DELETE = route("DELETE /api/v1/service-accounts/{name}", async ({ actor, params }) =>
  removeServiceAccount(actor, params.name),
);
