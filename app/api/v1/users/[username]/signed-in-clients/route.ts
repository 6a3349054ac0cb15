import { route } from "@/lib/http/route";
import { signedInClientsOf, signOutClients } from "@/lib/services/my-access";
import { userOr404 } from "@/lib/services/users";

export const GET = route("GET /api/v1/users/{username}/signed-in-clients", async ({ params }) =>
  signedInClientsOf((await userOr404(params.username)).id),
);

export const DELETE = route("DELETE /api/v1/users/{username}/signed-in-clients", async ({ actor, params }) =>
  signOutClients((await userOr404(params.username)).id, actor),
);
