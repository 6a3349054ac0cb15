import { Nav } from "@/components/shell/Nav";
import { SignOutButton } from "@/components/shell/SignOutButton";
import { requireUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <div className="shell">
      <Nav />
      <div className="main">
        <header className="topbar">
          <span data-testid="current-user">
            <strong>{user.displayName ?? user.username}</strong> <span className="muted">({user.username})</span>{" "}
            <span className="badge">{user.role}</span>
          </span>
          <SignOutButton />
        </header>
        <main className="content">{children}</main>
      </div>
    </div>
  );
}
