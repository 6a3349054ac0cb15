import { recordAudit } from "../../audit/write";
import { env, type OidcConfig } from "../../config/env";
import { open, seal } from "../../crypto/secret-box";
import {
  findProviderSession,
  forgetProviderSession,
  leaseProviderCheck,
  releaseProviderCheck,
  rememberProviderSession,
  settleProviderCheck,
} from "../../db/identity-provider-sessions";
import { logger } from "../../log";
import { runtimeSecrets } from "../../runtime-secrets";
import { provisionExternalAccount } from "../external-accounts";
import { accountFromClaims } from "./claims";
import { refreshWithProvider } from "./provider-client";

/**
 * People who sign in through the identity provider (OIDC) use access tokens and signed-in clients
 * at the token endpoint, which never see the provider. So the provider's refresh token from the
 * console sign-in is kept (sealed), and at token requests, once per cache window across all
 * replicas (a lease), Portcullis asks the provider again, as Harbor does for its CLI secrets:
 * - it answers: groups, role and linked teams are brought up to date;
 * - it refuses the refresh token (person removed or disabled, session revoked or expired): the
 *   person's token requests are refused until they sign in to the console again;
 * - it does not answer: nothing changes (tokens keep working while it is down).
 * A provider that issues no refresh token leaves group changes to the next console sign-in.
 */
const LEASE_MS = 30_000;

/** At console sign-in: keep the provider's refresh token, or forget an old one when none came. */
export async function rememberSignIn(userId: string, refreshToken: string | undefined) {
  if (refreshToken) await rememberProviderSession(userId, seal(refreshToken, runtimeSecrets().encryptionKey));
  else await forgetProviderSession(userId);
}

export async function followIdentityProvider(
  user: { id: string; username: string; externalId: string | null },
  clientIp: string,
): Promise<"unchanged" | "synced" | "ended"> {
  const cfg = env().oidc;
  if (!cfg || !user.externalId?.startsWith(`${cfg.issuer}#`)) return "unchanged";
  const windowMs = env().PORTCULLIS_CREDENTIAL_CACHE_SECONDS * 1000;
  const sealed = await leaseProviderCheck(user.id, new Date(Date.now() - windowMs), LEASE_MS);
  if (!sealed) return (await findProviderSession(user.id))?.endedAt ? "ended" : "unchanged";
  const key = runtimeSecrets().encryptionKey;
  const sub = user.externalId.slice(cfg.issuer.length + 1);
  const answer = await refreshWithProvider(cfg, open(sealed, key), sub);
  if (!answer.ok && answer.reason === "unavailable") {
    logger.warn("identity provider did not answer; the account stays as it was", {
      user: user.username,
      reason: answer.message,
    });
    await releaseProviderCheck(user.id);
    return "unchanged";
  }
  if (!answer.ok) {
    await settleProviderCheck(user.id, { ended: answer.message });
    await recordAudit([ended(cfg, user.username, clientIp, answer.message)]);
    return "ended";
  }
  const made = accountFromClaims(cfg, answer.claims);
  if (!("refused" in made)) await provisionExternalAccount(made.username, made.account, { clientIp });
  await settleProviderCheck(user.id, { sealedRefreshToken: answer.refreshToken && seal(answer.refreshToken, key) });
  return "synced";
}

function ended(cfg: OidcConfig, username: string, clientIp: string, why: string) {
  return {
    actorKind: "system" as const,
    actorName: "sso",
    credential: "oidc",
    clientIp,
    action: "session.sso_ended" as const,
    outcome: "success" as const,
    reason: "sso_session_ended",
    details: { username, provider: cfg.name, answer: why },
  };
}
