import { SnippetBlock } from "@/components/ui/SnippetBlock";
import type { Snippet } from "@/lib/registry/machine-setup";

/**
 * "Sign in a machine": docker-credential-portcullis installed, the machine approved here with a
 * code, docker and podman told to ask it. No password, no token in their configuration files.
 */
export function SignInMachine({
  snippets,
  downloads,
}: {
  snippets: Snippet[];
  downloads: { file: string; label: string; size: number }[];
}) {
  return (
    <section className="card" id="sign-in-a-machine" data-testid="sign-in-a-machine">
      <h2>Sign in a machine</h2>
      <p className="muted">
        For your own computer: docker-credential-portcullis signs it in with a code you approve here, then docker,
        podman and skopeo ask it for credentials. Nothing secret goes into config.json, and signing the machine out
        below stops it at once. For CI, use an access token.
      </p>
      {downloads.length > 0 && (
        <p>
          Download:{" "}
          {downloads.map((d, i) => (
            <span key={d.file}>
              {i > 0 && " · "}
              <a href={`/api/v1/downloads/${d.file}`} download>
                {d.label}
              </a>{" "}
              <span className="muted">({(d.size / 1_048_576).toFixed(d.size > 1_048_576 ? 0 : 2)} MB)</span>
            </span>
          ))}
        </p>
      )}
      {snippets.map((s) => (
        <SnippetBlock key={s.id} snippet={s} />
      ))}
    </section>
  );
}
