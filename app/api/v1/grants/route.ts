import { listGrantsPage } from "@/lib/db/grants";
import { route } from "@/lib/http/route";
import { addGrant, presentGrant } from "@/lib/services/grants";

export const GET = route("GET /api/v1/grants", async ({ query }) => {
  const { items, nextCursor } = await listGrantsPage(
    {
      ...(query.repository ? { repository: { contains: query.repository } } : {}),
      ...(query.subject
        ? {
            OR: [
              { user: { username: query.subject } },
              { team: { name: query.subject } },
              { serviceAccount: { name: query.subject } },
            ],
          }
        : {}),
    },
    query,
  );
  return { grants: items.map(presentGrant), nextCursor };
});

export const POST = route("POST /api/v1/grants", async ({ actor, body }) => await addGrant(actor, body));
