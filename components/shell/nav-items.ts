import type { Permission } from "@/lib/auth/permissions";

/**
 * The console's main pages, in navigation order (the e2e page tests walk the same list). `need`:
 * the permission without which the page has nothing to show (the link is hidden; the page and
 * its API still refuse on their own).
 */
export const NAV_ITEMS: readonly { href: string; label: string; need?: Permission }[] = [
  { href: "/", label: "Overview" },
  { href: "/users", label: "Users", need: "users:read" },
  // Everyone: admins and auditors see every team, others their own (and run those they maintain).
  { href: "/teams", label: "Teams" },
  { href: "/access", label: "Access", need: "grants:read" },
  { href: "/tokens", label: "Tokens" },
  { href: "/me", label: "My access" },
  { href: "/setup", label: "Set up" },
  { href: "/browse", label: "Browse" },
  { href: "/registry", label: "Registry" },
  { href: "/audit", label: "Audit log", need: "audit:read" },
  { href: "/settings", label: "Settings" },
  { href: "/help", label: "Help" },
];
