import { attribute, type Attribution } from "../audit/attribution";
import { decisionsBefore, refreshTokenLabels, tokenLabels } from "../db/event-credentials";
import { getSettings } from "../settings";
import type { CredentialAttributionView } from "../validation/audit";

type RegistryEventRow = { id: string; action: string; repository: string | null; clientIp: string | null };

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Plain words for each recorded credential: which token, which signed-in client. */
async function labelsFor(credentials: readonly string[]): Promise<Map<string, string>> {
  const ofKind = (kind: string) =>
    credentials.filter((c) => c.startsWith(`${kind}:`)).map((c) => c.slice(kind.length + 1));
  const [tokens, clients] = await Promise.all([
    tokenLabels(ofKind("token")),
    refreshTokenLabels(ofKind("refresh_token")),
  ]);
  const labels = new Map<string, string>();
  for (const t of tokens) {
    const owner = t.user?.username ?? t.serviceAccount?.name ?? "nobody";
    const kind = t.serviceAccount ? "robot token" : "access token";
    labels.set(
      `token:${t.id}`,
      `${kind} “${t.name}” (${t.prefix}…) of ${owner}${t.revokedAt ? ", since revoked" : ""}`,
    );
  }
  for (const r of clients) {
    const what = r.origin === "device" ? `device “${r.deviceName ?? "unnamed"}”` : "docker login";
    const from = [r.userAgent, r.clientIp && `from ${r.clientIp}`].filter(Boolean).join(" ");
    labels.set(
      `refresh_token:${r.id}`,
      `${what}${from ? ` (${from})` : ""}, signed in ${day(r.createdAt)}${r.revokedAt ? ", since signed out" : ""}`,
    );
  }
  return new Map(
    credentials.map((c) => [
      c,
      labels.get(c) ??
        (c === "password"
          ? "password"
          : c.startsWith("token:")
            ? "a token since deleted"
            : c.startsWith("refresh_token:")
              ? "a signed-in client since removed"
              : c),
    ]),
  );
}

/**
 * The credential behind each registry event (push, pull, delete): joined to the token decisions
 * that could have authorised it (lib/audit/attribution.ts), with each credential in plain words.
 */
export async function credentialsBehind(
  events: readonly RegistryEventRow[],
): Promise<Map<string, CredentialAttributionView>> {
  const registryEvents = events.filter((e) => e.action.startsWith("registry."));
  const { tokenTtlSeconds } = await getSettings();
  const decisions = await decisionsBefore(
    registryEvents.map((e) => e.id),
    tokenTtlSeconds,
  );
  const found = new Map<string, Attribution>(
    registryEvents.map((e) => [e.id, attribute(e, decisions.get(e.id) ?? [])]),
  );
  const credentials = [...found.values()].flatMap((a) =>
    a.kind === "one" ? [a.credential] : a.kind === "several" ? a.candidates.map((c) => c.credential) : [],
  );
  const labels = await labelsFor([...new Set(credentials)]);
  const view = (a: Attribution): CredentialAttributionView =>
    a.kind === "none"
      ? { kind: "none", byAddress: false, credentials: [] }
      : a.kind === "one"
        ? {
            kind: "one",
            byAddress: a.byAddress,
            credentials: [{ credential: a.credential, label: labels.get(a.credential)!, decision: a.decision }],
          }
        : {
            kind: "several",
            byAddress: false,
            credentials: a.candidates.map((c) => ({ ...c, label: labels.get(c.credential)! })),
          };
  return new Map([...found].map(([id, a]) => [id, view(a)]));
}
