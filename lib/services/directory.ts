import { checkDirectory } from "../auth/directory/check";
import { env } from "../config/env";
import { countProviderSessions } from "../db/identity-provider-sessions";
import { AppError } from "../errors";

/** How people sign in besides local passwords (environment variables), shown read-only: no secret. */
export async function directorySettings() {
  const c = env().ldap;
  const o = env().oidc;
  const sessions = o ? await countProviderSessions() : null;
  return {
    oidc: o && {
      name: o.name,
      issuer: o.issuer,
      clientId: o.clientId,
      scopes: o.scopes,
      groupsClaim: o.groupsClaim,
      adminGroups: o.adminGroups,
      auditorGroups: o.auditorGroups,
      redirectUri: `${env().publicUrl}/api/auth/callback/oidc`,
      followUpSeconds: env().PORTCULLIS_CREDENTIAL_CACHE_SECONDS,
      sessions: sessions!,
    },
    ldap: c && {
      name: c.name,
      url: c.url,
      startTls: c.startTls,
      bindDn: c.bindDn ?? null,
      userBase: c.userBase,
      userFilter: c.userFilter,
      groupBase: c.groupBase ?? null,
      groupFilter: c.groupFilter,
      adminGroups: c.adminGroups,
      auditorGroups: c.auditorGroups,
      timeoutMs: c.timeoutMs,
    },
  };
}

/** Runs the sign-in's directory steps (for `username`, when given) and reports each with its fix. */
export async function checkDirectoryConnection(username?: string) {
  const c = env().ldap;
  if (!c) throw new AppError("conflict", "no directory is configured: set PORTCULLIS_LDAP_URL and restart");
  return { steps: await checkDirectory(c, username) };
}
