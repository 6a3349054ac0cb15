import { route } from "@/lib/http/route";
import { signOutMyClients } from "@/lib/services/my-access";

export const DELETE = route("DELETE /api/v1/me/signed-in-clients/{id}", ({ caller, actor, params }) =>
  signOutMyClients(caller, actor, params.id),
);
