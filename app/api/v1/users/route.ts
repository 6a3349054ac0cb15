import { listUsers } from "@/lib/db/users";
import { json, route } from "@/lib/http/route";
import { createUserAccount } from "@/lib/services/users";

export const GET = route("GET /api/v1/users", async ({ query }) => {
  const [users, total] = await listUsers({ ...query, skip: (query.page - 1) * query.pageSize, take: query.pageSize });
  return { users, total, page: query.page, pageSize: query.pageSize };
});

export const POST = route("POST /api/v1/users", async ({ actor, body }) =>
  json(await createUserAccount(actor, body), 201),
);
