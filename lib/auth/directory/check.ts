import type { Client } from "ldapts";
import type { LdapConfig } from "../../config/env";
import { roleFromGroups } from "../groups";
import { accountOf, findEntry, open, unavailableMessage } from "./ldap";

/**
 * "Test connection" for the directory: each step Portcullis takes at a sign-in (connect and, with
 * StartTLS, secure it; bind as its own account; find a person; read their groups), run in order
 * and reported with what to change when one fails. No password of the person is needed.
 */
export interface CheckStep {
  step: "connect" | "bind" | "search" | "groups";
  ok: boolean;
  detail: string;
  fix?: string;
}

export async function checkDirectory(cfg: LdapConfig, username?: string): Promise<CheckStep[]> {
  const steps: CheckStep[] = [];
  let c: Client | null = null;
  try {
    try {
      c = await open(cfg);
      // ldapts connects on the first operation: an anonymous "who am I"-free probe is the bind below.
      if (!cfg.bindDn) await c.bind("", "");
      steps.push({ step: "connect", ok: true, detail: `${cfg.url}${cfg.startTls ? " with StartTLS" : ""}` });
    } catch (err) {
      steps.push({
        step: "connect",
        ok: false,
        detail: unavailableMessage(cfg, err),
        fix: "Check PORTCULLIS_LDAP_URL (host, port, ldap:// or ldaps://), the firewall, and for TLS PORTCULLIS_LDAP_CA_FILE.",
      });
      return steps;
    }
    if (cfg.bindDn) {
      try {
        await c.bind(cfg.bindDn, cfg.bindPassword);
        steps.push({ step: "bind", ok: true, detail: `bound as ${cfg.bindDn}` });
      } catch (err) {
        steps.push({
          step: "bind",
          ok: false,
          detail: unavailableMessage(cfg, err),
          fix: "Check PORTCULLIS_LDAP_BIND_DN and PORTCULLIS_LDAP_BIND_PASSWORD (the full DN, e.g. cn=portcullis,ou=services,dc=example,dc=org).",
        });
        return steps;
      }
    } else steps.push({ step: "bind", ok: true, detail: "anonymous (no PORTCULLIS_LDAP_BIND_DN)" });
    if (!username) return steps;
    const entry = await findEntry(c, cfg, username);
    if (!entry) {
      steps.push({
        step: "search",
        ok: false,
        detail: `no single entry under ${cfg.userBase} matches ${cfg.userFilter.replace("{username}", username)}`,
        fix: "Check PORTCULLIS_LDAP_USER_BASE and PORTCULLIS_LDAP_USER_FILTER (Active Directory: (sAMAccountName={username})).",
      });
      return steps;
    }
    steps.push({ step: "search", ok: true, detail: entry.dn });
    const account = await accountOf(c, cfg, entry, username);
    steps.push({
      step: "groups",
      ok: true,
      detail: cfg.groupBase
        ? `${account.groups.length} group(s)${account.groups.length ? `: ${account.groups.slice(0, 10).join("; ")}` : ""}; role ${roleFromGroups(account.groups, cfg)}`
        : "no PORTCULLIS_LDAP_GROUP_BASE: no groups read, role user",
      ...(cfg.groupBase && account.groups.length === 0
        ? { fix: "If this person is in groups, check PORTCULLIS_LDAP_GROUP_BASE and PORTCULLIS_LDAP_GROUP_FILTER." }
        : {}),
    });
    return steps;
  } catch (err) {
    steps.push({ step: steps.length < 3 ? "search" : "groups", ok: false, detail: unavailableMessage(cfg, err) });
    return steps;
  } finally {
    await c?.unbind().catch(() => {});
  }
}
