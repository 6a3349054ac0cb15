import { findUserByUsername } from "@/lib/db/users";
import { actorOf } from "@/lib/http/actor";
import { notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { deleteUserAccount, updateUserAccount } from "@/lib/services/users";
import { param } from "@/lib/validation/params";
import { updateUserInput } from "@/lib/validation/user";

async function userOr404(params: Record<string, string>) {
  const u = await findUserByUsername(param(params, "username"));
  if (!u) throw notFound("user");
  return u;
}

export const GET = route({ access: "users:read" }, async ({ params }) => userOr404(params));

export const PATCH = route({ access: "users:write", body: updateUserInput }, async ({ caller, body, params, req, requestId }) =>
  updateUserAccount(actorOf(caller, req, requestId), (await userOr404(params)).id, body),
);

export const DELETE = route({ access: "users:write" }, async ({ caller, params, req, requestId }) =>
  deleteUserAccount(actorOf(caller, req, requestId), (await userOr404(params)).id),
);
