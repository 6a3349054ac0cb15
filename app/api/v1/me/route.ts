import { route } from "@/lib/http/route";

export const GET = route("GET /api/v1/me", async ({ caller }) => ({
  kind: caller.kind,
  name: caller.name,
  ...(caller.kind === "user" ? { role: caller.role } : {}),
  via: caller.via,
}));
