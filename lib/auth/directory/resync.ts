import { appendAudit } from "../../audit/write";
import { env } from "../../config/env";
import { transaction } from "../../db/client";
import { disableAccount, findUserSource } from "../../db/external-accounts";
import type { Subject } from "../credentials";
import { provisionExternalAccount } from "../external-accounts";
import { asExternalAccount, lookUpDirectoryAccount } from "./ldap";

/**
 * Token requests that do not ask the directory (access tokens, refresh tokens of `docker login`
 * and of devices) still follow it: once per cache window a directory account is looked up again.
 * Its groups (role, linked teams) are brought up to date; an entry gone from the directory
 * disables the account (which ends its tokens and sessions). A directory that does not answer
 * changes nothing: tokens keep working while it is down.
 */
const lastSync = new Map<string, number>();

export type Resync = "unchanged" | "synced" | "gone";

export async function resyncDirectoryAccount(subject: Subject, clientIp: string): Promise<Resync> {
  const cfg = env().ldap;
  if (!cfg || subject.kind !== "user") return "unchanged";
  const windowMs = env().PORTCULLIS_CREDENTIAL_CACHE_SECONDS * 1000;
  const now = Date.now();
  const at = lastSync.get(subject.id);
  if (at !== undefined && now - at < windowMs) return "unchanged";
  if (lastSync.size > 50_000) lastSync.clear();
  const user = await findUserSource(subject.id);
  if (!user || user.source !== "ldap") {
    lastSync.set(subject.id, now);
    return "unchanged";
  }
  const r = await lookUpDirectoryAccount(cfg, user.username);
  if (!r.ok && r.reason === "directory_unavailable") return "unchanged";
  lastSync.set(subject.id, now);
  if (r.ok) {
    await provisionExternalAccount(user.username, asExternalAccount(cfg, r.account), { clientIp });
    return "synced";
  }
  await transaction(async (tx) => {
    await disableAccount(tx, user.id);
    await appendAudit(tx, [
      {
        actorKind: "system",
        actorName: "directory",
        credential: "ldap",
        clientIp,
        action: "user.update",
        outcome: "success",
        details: {
          username: user.username,
          changes: { disabled: { from: false, to: true } },
          source: "ldap",
          reason: "no longer in the directory",
        },
      },
    ]);
  });
  return "gone";
}
