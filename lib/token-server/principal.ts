import type { Credential, Subject } from "../auth/credentials";
import { loadPublicRules, loadServiceAccountRules, loadUserRules } from "../db/grants";
import type { Principal } from "../registry/authorize";

/** Builds the decision input for an authenticated subject (or anonymous when none). */
export async function loadPrincipal(subject: Subject | null, credential?: Credential): Promise<Principal> {
  if (!subject) return { kind: "anonymous", name: "anonymous", admin: false, rules: await loadPublicRules() };
  const rules = subject.kind === "user" ? await loadUserRules(subject.id) : await loadServiceAccountRules(subject.id);
  const tokenScopes = credential && credential.type !== "password" ? credential.scopes : undefined;
  return {
    kind: subject.kind,
    name: subject.name,
    admin: subject.kind === "user" && subject.role === "admin",
    rules,
    ...(tokenScopes ? { tokenScopes } : {}),
  };
}
