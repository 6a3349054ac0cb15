import { FULL_STEWARDSHIP } from "../../lib/auth/delegation";
import crypto from "node:crypto";
import type { AuditActor } from "../../lib/audit/types";
import { hashPassword } from "../../lib/auth/password";
import { db } from "../../lib/db/client";
import { addGrant } from "../../lib/services/grants";
import { mintToken } from "../../lib/services/tokens";
import type { Caller } from "../../lib/auth/caller";
import type { CreateGrantInput } from "../../lib/validation/grant";
import type { Role } from "../../lib/validation/common";

export const systemActor: AuditActor = { actorId: null, actorName: "test", actorKind: "system" };

export const uniqueName = (prefix: string) => `${prefix}-${crypto.randomBytes(3).toString("hex")}`;

export async function makeUser(opts: { username?: string; password?: string; role?: Role; disabled?: boolean } = {}) {
  const username = opts.username ?? uniqueName("user");
  const password = opts.password ?? `pw-${crypto.randomBytes(6).toString("hex")}`;
  const user = await db().user.create({
    data: {
      username,
      passwordHash: await hashPassword(password),
      role: opts.role ?? "user",
      disabled: opts.disabled ?? false,
    },
  });
  const caller: Caller = { kind: "user", id: user.id, name: username, role: user.role, via: "session" };
  return { ...user, password, caller };
}

export async function makeTeam(name: string, members: { id: string }[]) {
  const team = await db().team.create({ data: { name } });
  for (const m of members) await db().teamMembership.create({ data: { teamId: team.id, userId: m.id } });
  return team;
}

export function grant(input: CreateGrantInput) {
  return addGrant(systemActor, FULL_STEWARDSHIP, input);
}

export async function makeToken(
  caller: Caller,
  opts: {
    name?: string;
    expiresInDays?: number;
    scopes?: { repository: string; actions: ("pull" | "push" | "delete")[] }[];
  } = {},
) {
  return mintToken(caller, {
    name: opts.name ?? uniqueName("tok"),
    expiresInDays: opts.expiresInDays ?? 30,
    scopes: opts.scopes,
  });
}

export async function makeRegistry(service: string, url = "http://127.0.0.1:5000") {
  return db().registry.create({ data: { name: service, service, url } });
}

/** A person who may pull and push in their own namespace (`<username>/*`). */
export async function makePusher() {
  const u = await makeUser();
  await grant({
    subject: { type: "user", name: u.username },
    repository: `${u.username}/*`,
    actions: ["pull", "push"],
  });
  return u;
}
