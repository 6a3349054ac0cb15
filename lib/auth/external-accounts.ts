import crypto from "node:crypto";
import { appendAudit } from "../audit/write";
import type { AuditInput } from "../audit/types";
import { transaction } from "../db/client";
import {
  addMembership,
  createExternalAccount,
  emailTaken,
  findAccountByName,
  findAccountByExternalId,
  linkedTeamsOf,
  removeMembership,
  updateExternalAccount,
} from "../db/external-accounts";
import type { Role } from "../validation/common";

/**
 * After the company directory (LDAP) or the identity provider (OIDC) said who someone is: the
 * Portcullis account made just in time or brought up to date (name, e-mail, role from the
 * groups), and its memberships of linked teams made exactly the groups', in one audited
 * transaction that records the source. A local account is never taken over (null).
 */
export interface ExternalAccount {
  source: "ldap" | "oidc";
  /** The directory entry's DN, or issuer#sub. */
  externalId: string;
  displayName: string | null;
  email: string | null;
  /** Normalised group names or DNs (lower case). */
  groups: string[];
  role: Role;
}

export type Provisioned = { id: string; username: string; role: Role; disabled: boolean };

export async function provisionExternalAccount(
  username: string,
  account: ExternalAccount,
  from: { clientIp: string | null },
): Promise<Provisioned | null> {
  return transaction(async (tx) => {
    const events: AuditInput[] = [];
    const actor = {
      actorKind: "system" as const,
      actorName: account.source === "ldap" ? "directory" : "sso",
      credential: account.source,
      clientIp: from.clientIp,
    };
    // An account is the same person by its external id first (a renamed user keeps their account), else by name.
    const existing = (await findAccountByExternalId(tx, account.externalId)) ?? (await findAccountByName(tx, username));
    if (
      existing &&
      (existing.source !== account.source || (existing.externalId && existing.externalId !== account.externalId))
    )
      return null;
    const { role } = account;
    let user: Provisioned;
    if (!existing) {
      const email = account.email && !(await emailTaken(tx, account.email)) ? account.email : null;
      user = await createExternalAccount(tx, {
        username,
        source: account.source,
        externalId: account.externalId,
        displayName: account.displayName,
        email,
        role,
        // Never a password: a marker no argon2 verification accepts.
        passwordHash: `!${account.source}:${crypto.randomBytes(16).toString("hex")}`,
      });
      events.push({
        ...actor,
        action: "user.create",
        outcome: "success",
        details: { username, role, source: account.source, externalId: account.externalId },
      });
    } else {
      const email =
        account.email && account.email !== existing.email && !(await emailTaken(tx, account.email, existing.id))
          ? { email: account.email }
          : {};
      user = await updateExternalAccount(tx, existing.id, {
        externalId: account.externalId,
        displayName: account.displayName,
        role,
        ...email,
      });
      if (existing.role !== role)
        events.push({
          ...actor,
          action: "user.update",
          outcome: "success",
          details: {
            username: user.username,
            changes: { role: { from: existing.role, to: role } },
            source: account.source,
          },
        });
    }
    const groups = new Set(account.groups);
    for (const team of await linkedTeamsOf(tx, user.id)) {
      const should = groups.has(team.group);
      if (should === team.member) continue;
      if (should) await addMembership(tx, team.id, user.id);
      else await removeMembership(tx, team.id, user.id);
      events.push({
        ...actor,
        action: should ? "team.member_add" : "team.member_remove",
        outcome: "success",
        details: { team: team.name, username: user.username, source: account.source, group: team.group },
      });
    }
    if (events.length) await appendAudit(tx, events);
    return user;
  });
}
