"use client";

import { CopyButton } from "@/components/ui/CopyButton";
import { SnippetBlock } from "@/components/ui/SnippetBlock";
import { ciSnippets } from "@/lib/registry/machine-setup";

/** A new token secret, shown exactly once, with a copy button and ready-to-paste login snippets. */
export function SecretOnce({
  secret,
  username,
  registryHost,
}: {
  secret: string;
  username: string;
  registryHost: string;
}) {
  return (
    <div style={{ marginTop: 16 }} role="status">
      <p>
        <strong>Copy this token now.</strong> It is shown only once.
      </p>
      <div className="row">
        <code data-testid="new-token" style={{ wordBreak: "break-all" }}>
          {secret}
        </code>
        <CopyButton text={secret} />
      </div>
      {ciSnippets(registryHost, username)
        .filter((s) => s.id !== "jenkins")
        .map((s) => (
          <SnippetBlock key={s.id} snippet={s} />
        ))}
    </div>
  );
}
