import { findUserByUsername } from "@/lib/db/users";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { deleteUserAccount, updateUserAccount } from "@/lib/services/users";

async function userOr404(params: Record<string, string>) {
  const u = await findUserByUsername(params.username);
  if (!u) throw notFound("user");
  return u;
}

export const GET = route("GET /api/v1/users/{username}", async ({ params }) => userOr404(params));

export const PATCH = route("PATCH /api/v1/users/{username}", async ({ actor, body, params }) =>
  updateUserAccount(actor, (await userOr404(params)).id, body),
);

export const DELETE = route("DELETE /api/v1/users/{username}", async ({ actor, params }) =>
  deleteUserAccount(actor, (await userOr404(params)).id),
);
