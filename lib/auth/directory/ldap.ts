import fs from "node:fs";
import { Client, EqualityFilter, InvalidCredentialsError, type Entry } from "ldapts";
import type { LdapConfig } from "../../config/env";
import { normalizeGroup, roleFromGroups } from "../groups";
import type { ExternalAccount } from "../external-accounts";

/**
 * Search-then-bind against a directory with ldapts: the service account (or an anonymous bind)
 * finds the one entry the user filter names, then that entry's DN binds with the password the
 * person typed, then the groups holding that DN are read. Every value put into a filter is
 * escaped (RFC 4515); every operation has the configured deadline; an empty password is refused
 * before any bind (an LDAP "unauthenticated bind" would succeed with it).
 */
export interface DirectoryAccount {
  dn: string;
  displayName: string | null;
  email: string | null;
  /** The DNs of the groups the account is in (lower case, as compared). */
  groups: string[];
}

export type DirectoryResult =
  | { ok: true; account: DirectoryAccount }
  | { ok: false; reason: "bad_password" | "unknown_account" }
  | { ok: false; reason: "directory_unavailable"; message: string };

/** RFC 4515 escaping, as ldapts does it for its own filters. */
const escaper = new EqualityFilter({ attribute: "x", value: "" });
export const escapeFilterValue = (v: string) => escaper.escape(v);

export function fillFilter(template: string, values: Record<string, string>): string {
  return template.replace(/\{(username|dn)\}/g, (_, k: string) => escapeFilterValue(values[k] ?? ""));
}

function client(cfg: LdapConfig): Client {
  const ca = cfg.caFile ? [fs.readFileSync(cfg.caFile)] : undefined;
  return new Client({
    url: cfg.url,
    timeout: cfg.timeoutMs,
    connectTimeout: cfg.timeoutMs,
    strictDN: false,
    ...(cfg.url.startsWith("ldaps:") && ca ? { tlsOptions: { ca } } : {}),
  });
}

export async function open(cfg: LdapConfig): Promise<Client> {
  const c = client(cfg);
  // The certificate must name the host in the URL (ldapts hands Node no host for the upgrade).
  if (cfg.startTls)
    await c.startTLS({
      host: new URL(cfg.url).hostname,
      ...(cfg.caFile ? { ca: [fs.readFileSync(cfg.caFile)] } : {}),
    });
  return c;
}

const first = (e: Entry, attr: string): string | null => {
  const v = e[attr];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined ? null : Buffer.isBuffer(s) ? s.toString("utf8") : String(s);
};

/** Why the directory could not answer, in words an operator can act on. */
export function unavailableMessage(cfg: LdapConfig, err: unknown): string {
  const e = err as Error & { code?: string | number };
  if (e instanceof InvalidCredentialsError)
    return `the ${cfg.name} refused Portcullis's own bind (PORTCULLIS_LDAP_BIND_DN / PORTCULLIS_LDAP_BIND_PASSWORD)`;
  if (/timeout/i.test(e.message ?? "") || e.name === "TimeoutError")
    return `the ${cfg.name} did not answer within ${cfg.timeoutMs} ms`;
  if (e.code === "ECONNREFUSED" || /ECONNREFUSED/.test(e.message ?? ""))
    return `the ${cfg.name} at ${cfg.url} refused the connection`;
  return `the ${cfg.name} could not be used: ${(e.message ?? String(err)).slice(0, 200)}`;
}

/** The one entry the user filter finds for `username` (none, or an ambiguous filter: null). */
export async function findEntry(service: Client, cfg: LdapConfig, username: string): Promise<Entry | null> {
  const { searchEntries } = await service.search(cfg.userBase, {
    scope: "sub",
    filter: fillFilter(cfg.userFilter, { username }),
    attributes: ["dn", "cn", "displayName", "mail"],
    sizeLimit: 2,
    timeLimit: Math.ceil(cfg.timeoutMs / 1000),
  });
  return searchEntries.length === 1 ? searchEntries[0] : null;
}

export async function accountOf(
  service: Client,
  cfg: LdapConfig,
  entry: Entry,
  username: string,
): Promise<DirectoryAccount> {
  const groups = cfg.groupBase
    ? (
        await service.search(cfg.groupBase, {
          scope: "sub",
          filter: fillFilter(cfg.groupFilter, { dn: entry.dn, username }),
          attributes: ["dn"],
          sizeLimit: 1000,
          timeLimit: Math.ceil(cfg.timeoutMs / 1000),
        })
      ).searchEntries.map((g) => normalizeGroup(g.dn))
    : [];
  return {
    dn: entry.dn,
    displayName: first(entry, "displayName") ?? first(entry, "cn"),
    email: first(entry, "mail"),
    groups,
  };
}

/** Runs `work` with a connection bound as Portcullis's own account (or anonymous), closed after. */
async function asService<T>(
  cfg: LdapConfig,
  work: (service: Client) => Promise<T>,
): Promise<T | { ok: false; reason: "directory_unavailable"; message: string }> {
  let service: Client | null = null;
  try {
    service = await open(cfg);
    if (cfg.bindDn) await service.bind(cfg.bindDn, cfg.bindPassword);
    return await work(service);
  } catch (err) {
    return { ok: false, reason: "directory_unavailable", message: unavailableMessage(cfg, err) };
  } finally {
    await service?.unbind().catch(() => {});
  }
}

/** The account `username` names, checked with `password`; its groups when it is right. */
export function verifyDirectoryPassword(cfg: LdapConfig, username: string, password: string): Promise<DirectoryResult> {
  if (!password) return Promise.resolve({ ok: false, reason: "bad_password" });
  return asService(cfg, async (service): Promise<DirectoryResult> => {
    const entry = await findEntry(service, cfg, username);
    if (!entry) return { ok: false, reason: "unknown_account" };
    const user = await open(cfg);
    try {
      await user.bind(entry.dn, password);
    } catch (err) {
      if (err instanceof InvalidCredentialsError) return { ok: false, reason: "bad_password" };
      throw err;
    } finally {
      await user.unbind().catch(() => {});
    }
    return { ok: true, account: await accountOf(service, cfg, entry, username) };
  });
}

/** The account as the directory has it now, without its password (for token requests): gone is unknown_account. */
export function lookUpDirectoryAccount(cfg: LdapConfig, username: string): Promise<DirectoryResult> {
  return asService(cfg, async (service): Promise<DirectoryResult> => {
    const entry = await findEntry(service, cfg, username);
    return entry
      ? { ok: true, account: await accountOf(service, cfg, entry, username) }
      : { ok: false, reason: "unknown_account" };
  });
}

/** A directory account as Portcullis provisions it. */
export function asExternalAccount(cfg: LdapConfig, a: DirectoryAccount): ExternalAccount {
  return {
    source: "ldap",
    externalId: a.dn,
    displayName: a.displayName,
    email: a.email,
    groups: a.groups,
    role: roleFromGroups(a.groups, cfg),
  };
}
