import { z } from "zod";
import { listUsers } from "@/lib/db/users";
import { actorOf } from "@/lib/http/actor";
import { json, route } from "@/lib/http/route";
import { createUserAccount } from "@/lib/services/users";
import { role } from "@/lib/validation/common";
import { createUserInput } from "@/lib/validation/user";

const listQuery = z.object({
  search: z.string().max(100).optional(),
  role: role.optional(),
  disabled: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const GET = route({ access: "users:read", query: listQuery }, async ({ query }) => {
  const [users, total] = await listUsers({ ...query, skip: (query.page - 1) * query.pageSize, take: query.pageSize });
  return { users, total, page: query.page, pageSize: query.pageSize };
});

export const POST = route({ access: "users:write", body: createUserInput }, async ({ caller, body, req, requestId }) =>
  json(await createUserAccount(actorOf(caller, req, requestId), body), 201),
);
