import { Nav } from "@/components/shell/Nav";
import { SignOutButton } from "@/components/shell/SignOutButton";
import { requireUser } from "@/lib/auth/session";
import { countExpiringTokens } from "@/lib/db/access-tokens";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const expiring = await countExpiringTokens(user.id);
  return (
    <div className="shell">
      {/* The first thing a keyboard reaches: straight past the navigation. */}
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <Nav role={user.role} />
      <div className="main">
        <header className="topbar">
          <span data-testid="current-user">
            <strong>{user.displayName ?? user.username}</strong> <span className="muted">({user.username})</span>{" "}
            <span className="badge">{user.role}</span>
          </span>
          <SignOutButton />
        </header>
        {expiring > 0 && (
          <div className="banner-warn" role="status" data-testid="expiring-banner">
            {expiring === 1 ? "One of your access tokens expires" : `${expiring} of your access tokens expire`} within 7
            days. <a href="/tokens">Rotate or replace them</a> before CI breaks.
          </div>
        )}
        <main className="content" id="content" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
