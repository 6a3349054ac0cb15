import type { Credential, Subject } from "../auth/credentials";
import { loadPublicRules, loadServiceAccountRules, loadUserRules } from "../db/grants";
import type { GrantRule, Principal } from "../registry/authorize";

/**
 * Builds the decision input for an authenticated subject (or anonymous when none). `rules`, when
 * the credential check already read them in its round trip, saves a second query.
 */
export async function loadPrincipal(
  subject: Subject | null,
  credential?: Credential,
  rules?: readonly GrantRule[],
): Promise<Principal> {
  if (!subject)
    return { kind: "anonymous", name: "anonymous", admin: false, rules: rules ?? (await loadPublicRules()) };
  rules ??= subject.kind === "user" ? await loadUserRules(subject.id) : await loadServiceAccountRules(subject.id);
  const tokenScopes = credential && credential.type !== "password" ? credential.scopes : undefined;
  return {
    kind: subject.kind,
    name: subject.name,
    admin: subject.kind === "user" && subject.role === "admin",
    rules,
    ...(tokenScopes ? { tokenScopes } : {}),
  };
}
