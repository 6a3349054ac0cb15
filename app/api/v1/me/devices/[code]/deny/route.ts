import { route } from "@/lib/http/route";
import { denyDevice } from "@/lib/services/devices";

export const POST = route("POST /api/v1/me/devices/{code}/deny", ({ caller, actor, params }) =>
  denyDevice(caller, params.code, actor),
);
