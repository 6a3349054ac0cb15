import { route } from "@/lib/http/route";
import { signOutClients } from "@/lib/services/my-access";
import { userOr404 } from "@/lib/services/users";

export const DELETE = route("DELETE /api/v1/users/{username}/signed-in-clients/{id}", async ({ actor, params }) =>
  signOutClients((await userOr404(params.username)).id, actor, params.id),
);
