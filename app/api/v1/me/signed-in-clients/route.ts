import { route } from "@/lib/http/route";
import { mySignedInClients, signOutMyClients } from "@/lib/services/my-access";

export const GET = route("GET /api/v1/me/signed-in-clients", ({ caller }) => mySignedInClients(caller));

export const DELETE = route("DELETE /api/v1/me/signed-in-clients", ({ caller, actor }) =>
  signOutMyClients(caller, actor),
);
