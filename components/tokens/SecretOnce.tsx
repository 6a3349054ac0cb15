"use client";

import { useState } from "react";

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
  const [copied, setCopied] = useState(false);
  return (
    <div style={{ marginTop: 16 }} role="status">
      <p>
        <strong>Copy this token now.</strong> It is shown only once.
      </p>
      <div className="row">
        <code data-testid="new-token" style={{ wordBreak: "break-all" }}>
          {secret}
        </code>
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard?.writeText(secret).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      <p className="muted">Docker:</p>
      <pre>{`echo "$TOKEN" | docker login ${registryHost} -u ${username} --password-stdin`}</pre>
      <p className="muted">GitHub Actions:</p>
      <pre>{`- uses: docker/login-action@v3
  with:
    registry: ${registryHost}
    username: ${username}
    password: \${{ secrets.PORTCULLIS_TOKEN }}`}</pre>
      <p className="muted">GitLab CI:</p>
      <pre>{`build:
  script:
    - echo "$PORTCULLIS_TOKEN" | docker login ${registryHost} -u ${username} --password-stdin`}</pre>
    </div>
  );
}
