import { route } from "@/lib/http/route";
import { lookUpDevice } from "@/lib/services/devices";

export const GET = route("GET /api/v1/me/devices/{code}", ({ caller, params }) => lookUpDevice(caller, params.code));
