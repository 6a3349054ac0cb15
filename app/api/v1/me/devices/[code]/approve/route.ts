import { route } from "@/lib/http/route";
import { approveDevice } from "@/lib/services/devices";

export const POST = route("POST /api/v1/me/devices/{code}/approve", ({ caller, actor, params, body }) =>
  approveDevice(caller, params.code, body, actor),
);
