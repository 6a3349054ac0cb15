import { appendAudit } from "../../audit/write";
import type { LdapConfig } from "../../config/env";
import { transaction } from "../../db/client";
import { disableAccount } from "../../db/external-accounts";
import { provisionExternalAccount } from "../external-accounts";
import { asExternalAccount, lookUpDirectoryAccount } from "./ldap";

/**
 * A directory account looked up again (lib/auth/follow-up.ts says when): its groups (role, linked
 * teams) brought up to date; an entry gone from the directory disables the account (which ends
 * its tokens and sessions). A directory that does not answer changes nothing.
 */
export async function resyncDirectoryAccount(
  cfg: LdapConfig,
  user: { id: string; username: string },
  clientIp: string,
): Promise<"unchanged" | "synced" | "gone"> {
  const r = await lookUpDirectoryAccount(cfg, user.username);
  if (!r.ok && r.reason === "directory_unavailable") return "unchanged";
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
