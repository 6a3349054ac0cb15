import crypto from "node:crypto";
import { appendAudit } from "../audit/write";
import type { AuditActor } from "../audit/types";
import { env } from "../config/env";
import { transaction } from "../db/client";
import { listEnabledServiceAccounts } from "../db/service-accounts";
import { findTeamByName } from "../db/teams";
import { listEnabledUsers } from "../db/users";
import { AppError, notFound } from "../errors";
import { HtpasswdError, htpasswdFile } from "../registry/htpasswd";
import { getSettings } from "../settings";
import { writeFileAtomic } from "../util/atomic-write";
import type { HtpasswdInput } from "../validation/registry";
import type { Credential } from "../auth/credentials";
import { assertWithinCaller, issueToken, newTokenSecret } from "./tokens";
import { registryByName } from "./grants";

type Account = { kind: "user" | "service_account"; id: string; name: string };
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const randomPassword = () => Array.from(crypto.randomBytes(24), (b) => BASE62[b % 62]).join("");

async function pickAccounts(sel: HtpasswdInput["accounts"]): Promise<Account[]> {
  const users = listEnabledUsers;
  const robots = listEnabledServiceAccounts;
  const out = (u: { id: string; username: string }[], r: { id: string; name: string }[]): Account[] => [
    ...u.map((x) => ({ kind: "user" as const, id: x.id, name: x.username })),
    ...r.map((x) => ({ kind: "service_account" as const, id: x.id, name: x.name })),
  ];
  if (sel.type === "all") return out(await users({}), await robots({}));
  if (sel.type === "registry") {
    // Whoever may do anything at this registry: admins, and accounts with a grant that applies
    // there (their own or a team's; grants for every registry and those bound to it).
    const registry = await registryByName(sel.name);
    const applies = { OR: [{ registryId: null }, { registryId: registry!.id }] };
    return out(
      await users({
        OR: [
          { role: "admin" },
          { grants: { some: applies } },
          { memberships: { some: { team: { grants: { some: applies } } } } },
        ],
      }),
      await robots({
        OR: [{ grants: { some: applies } }, { team: { grants: { some: applies } } }],
      }),
    );
  }
  if (sel.type === "team") {
    const team = await findTeamByName(sel.name);
    if (!team) throw notFound(`team "${sel.name}"`);
    return out(await users({ memberships: { some: { teamId: team.id } } }), await robots({ teamId: team.id }));
  }
  const names = [...new Set(sel.names)];
  const found = out(await users({ username: { in: names } }), await robots({ name: { in: names } }));
  const missing = names.filter((n) => !found.some((a) => a.name === n));
  if (missing.length)
    throw new AppError(
      "not_found",
      `no enabled user or service account named ${missing.map((n) => `"${n}"`).join(", ")}`,
    );
  return found;
}

/**
 * The registry's htpasswd file for a set of accounts. Portcullis never holds passwords in a
 * recoverable form, so each account gets a new credential now, shown once: a random registry
 * password, or a new access token used as the password (revocable in Portcullis, but the
 * registry only learns of a revocation when the file is generated again).
 */
export async function generateHtpasswd(
  actor: AuditActor & { actorId: string | null },
  input: HtpasswdInput,
  using?: Credential,
) {
  const accounts = await pickAccounts(input.accounts);
  if (accounts.length === 0) throw new AppError("validation_failed", "no enabled accounts in that selection");
  const target = input.write ? env().PORTCULLIS_HTPASSWD_PATH : undefined;
  if (input.write && !target)
    throw new AppError(
      "validation_failed",
      "set PORTCULLIS_HTPASSWD_PATH to let Portcullis write the file; until then, download it",
    );

  const { maxTokenLifetimeDays } = await getSettings();
  if (input.credential === "token" && input.tokenDays > maxTokenLifetimeDays) {
    throw new AppError(
      "validation_failed",
      `tokens may live at most ${maxTokenLifetimeDays} days (administrator's policy)`,
    );
  }
  const expiresAt = new Date(Date.now() + input.tokenDays * 86_400_000);
  // Registry passwords never expire; tokens expire after tokenDays: neither may outlive a token asking for them.
  assertWithinCaller(using, { expiresAt: input.credential === "token" ? expiresAt : null });
  const name = `htpasswd ${new Date().toISOString().slice(0, 10)}`;
  const credentials = accounts.map((a) => ({
    account: a.name,
    kind: a.kind,
    password: input.credential === "token" ? newTokenSecret(a) : randomPassword(),
    owner: a,
  }));
  // bcrypt first, outside the transaction: it must not hold the audit chain's lock.
  let file: string;
  try {
    file = await htpasswdFile(credentials.map((c) => ({ name: c.account, password: c.password })));
  } catch (err) {
    if (err instanceof HtpasswdError) throw new AppError("validation_failed", err.message);
    throw err;
  }
  return transaction(async (tx) => {
    const tokenIds: Record<string, string> = {};
    if (input.credential === "token") {
      for (const c of credentials) {
        tokenIds[c.account] = (
          await issueToken(tx, actor, c.owner, { name, expiresAt, createdById: actor.actorId, secret: c.password })
        ).row.id;
      }
    }
    await appendAudit(tx, [
      {
        ...actor,
        action: "htpasswd.generate",
        outcome: "success",
        details: { accounts: credentials.map((c) => c.account), credential: input.credential, written: target ?? null },
      },
    ]);
    // Last: a failed write rolls the tokens and the record back with it.
    if (target) {
      try {
        writeFileAtomic(target, file);
      } catch (err) {
        throw new AppError("unavailable", `could not write ${target}: ${(err as Error).message}`);
      }
    }
    return {
      file,
      credentials: credentials.map((c) => ({
        account: c.account,
        kind: c.kind,
        password: c.password,
        ...(tokenIds[c.account] ? { tokenId: tokenIds[c.account] } : {}),
      })),
      written: target ?? null,
      expiresAt: input.credential === "token" ? expiresAt : null,
    };
  });
}
