/** The console's main pages, in navigation order (the e2e page tests walk the same list). */
export const NAV_ITEMS = [
  { href: "/", label: "Overview" },
  { href: "/users", label: "Users" },
  { href: "/teams", label: "Teams" },
  { href: "/access", label: "Access" },
  { href: "/tokens", label: "Tokens" },
  { href: "/browse", label: "Browse" },
  { href: "/registry", label: "Registry" },
  { href: "/audit", label: "Audit log" },
  { href: "/settings", label: "Settings" },
] as const;
