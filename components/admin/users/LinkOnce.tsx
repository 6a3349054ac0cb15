"use client";

import type { SetupLink } from "@/lib/query/users";

/** A one-time set-password link, shown once to the admin to pass on. */
export function LinkOnce({ link, username }: { link: SetupLink; username: string }) {
  return (
    <div role="status" className="notice">
      <p style={{ marginTop: 0 }}>
        Send <strong>{username}</strong> this link to choose their password. It works once, until{" "}
        {link.expiresAt.slice(0, 16).replace("T", " ")} UTC, and is not shown again.
      </p>
      <code data-testid="setup-link" style={{ wordBreak: "break-all" }}>
        {link.url}
      </code>
    </div>
  );
}
