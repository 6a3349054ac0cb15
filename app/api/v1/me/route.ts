import { route } from "@/lib/http/route";

export const GET = route({ access: "authenticated", allowServiceAccounts: true }, async ({ caller }) => ({
  kind: caller.kind,
  name: caller.name,
  ...(caller.kind === "user" ? { role: caller.role } : {}),
  via: caller.via,
}));
