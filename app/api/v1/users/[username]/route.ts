import { findUserByUsername } from "@/lib/db/users";
import { actorOf } from "@/lib/http/actor";
import { notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { deleteUserAccount, updateUserAccount } from "@/lib/services/users";
import { param } from "@/lib/validation/params";

async function userOr404(params: Record<string, string>) {
  const u = await findUserByUsername(param(params, "username"));
  if (!u) throw notFound("user");
  return u;
}

export const GET = route("GET /api/v1/users/{username}", async ({ params }) => userOr404(params));

export const PATCH = route("PATCH /api/v1/users/{username}", async ({ caller, body, params, req, requestId }) =>
  updateUserAccount(actorOf(caller, req, requestId), (await userOr404(params)).id, body),
);

export const DELETE = route("DELETE /api/v1/users/{username}", async ({ caller, params, req, requestId }) =>
  deleteUserAccount(actorOf(caller, req, requestId), (await userOr404(params)).id),
);
