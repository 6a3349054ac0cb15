import crypto from "node:crypto";
import { appendAudit } from "../../audit/write";
import type { AuditInput } from "../../audit/types";
import type { LdapConfig } from "../../config/env";
import { transaction } from "../../db/client";
import {
  addMembership,
  createDirectoryAccount,
  emailTaken,
  findAccountForDirectory,
  linkedTeamsOf,
  removeMembership,
  updateDirectoryAccount,
} from "../../db/directory-accounts";
import { normalizeDn, roleFromGroups, type DirectoryAccount } from "./ldap";

/**
 * After the directory said yes: the Portcullis account made (just in time) or brought up to date
 * (name, e-mail, role from the admin/auditor groups) and its memberships of linked teams made
 * exactly the directory's, in one audited transaction recording the source. A local account of
 * the same name is never taken over: it returns null and the directory is not asked for it.
 */
export async function provisionDirectoryAccount(
  cfg: LdapConfig,
  username: string,
  account: DirectoryAccount,
  from: { clientIp: string },
) {
  return transaction(async (tx) => {
    const events: AuditInput[] = [];
    const role = roleFromGroups(account.groups, cfg);
    const existing = await findAccountForDirectory(tx, username);
    if (existing && existing.source !== "ldap") return null;
    const actor = {
      actorKind: "system" as const,
      actorName: "directory",
      credential: "ldap",
      clientIp: from.clientIp,
    };
    let user;
    if (!existing) {
      const email = account.email && !(await emailTaken(tx, account.email)) ? account.email : null;
      user = await createDirectoryAccount(tx, {
        username,
        externalId: account.dn,
        displayName: account.displayName,
        email,
        role,
        // Never a password: a marker no argon2 verification accepts.
        passwordHash: `!directory:${crypto.randomBytes(16).toString("hex")}`,
      });
      events.push({
        ...actor,
        action: "user.create",
        outcome: "success",
        details: { username, role, source: "ldap", dn: account.dn },
      });
    } else {
      const email =
        account.email && account.email !== existing.email && !(await emailTaken(tx, account.email, existing.id))
          ? { email: account.email }
          : {};
      user = await updateDirectoryAccount(tx, existing.id, {
        externalId: account.dn,
        displayName: account.displayName,
        role,
        ...email,
      });
      if (existing.role !== role)
        events.push({
          ...actor,
          action: "user.update",
          outcome: "success",
          details: { username, changes: { role: { from: existing.role, to: role } }, source: "ldap" },
        });
    }
    const groups = new Set(account.groups);
    for (const team of await linkedTeamsOf(tx, user.id)) {
      const should = groups.has(normalizeDn(team.group));
      if (should === team.member) continue;
      if (should) await addMembership(tx, team.id, user.id);
      else await removeMembership(tx, team.id, user.id);
      events.push({
        ...actor,
        action: should ? "team.member_add" : "team.member_remove",
        outcome: "success",
        details: { team: team.name, username, source: "ldap", group: team.group },
      });
    }
    if (events.length) await appendAudit(tx, events);
    return user;
  });
}
