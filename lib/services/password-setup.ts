import crypto from "node:crypto";
import { appendAudit } from "../audit/write";
import type { AuditActor } from "../audit/types";
import { credentialCache } from "../auth/credentials";
import { hashPassword } from "../auth/password";
import type { Prisma } from "../db/client";
import { transaction } from "../db/client";
import { consumeSetupLink, findUserBySetupHash, findUserByUsername, setPasswordSetup } from "../db/users";
import { env } from "../config/env";
import { AppError, notFound } from "../errors";
import { hashToken } from "../registry/pat";

type Tx = Prisma.TransactionClient;
const LINK_HOURS = 72;

/**
 * One-time set-password links: 256 random bits, stored only as a hash, valid 72 hours, used once.
 * The secret rides in the URL fragment, so it never reaches server logs or Referer headers.
 */
export async function issueSetupLink(tx: Tx, userId: string): Promise<{ url: string; expiresAt: Date }> {
  const secret = `pcs_${crypto.randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(Date.now() + LINK_HOURS * 3_600_000);
  await setPasswordSetup(tx, userId, hashToken(secret), expiresAt);
  return { url: `${env().publicUrl}/set-password#token=${secret}`, expiresAt };
}

/** A fresh link for an existing user (instead of choosing their password for them). Their current password keeps working until the link is used. */
export async function sendSetupLink(actor: AuditActor, username: string) {
  const user = await findUserByUsername(username);
  if (!user) throw notFound("user");
  if (user.disabled) throw new AppError("validation_failed", "the account is disabled; enable it first");
  return transaction(async (tx) => {
    const link = await issueSetupLink(tx, user.id);
    await appendAudit(tx, [
      { ...actor, action: "user.password_link", outcome: "success", details: { username, expiresAt: link.expiresAt } },
    ]);
    return link;
  });
}

/** Sets the password through a link; the link dies with its first use. */
export async function completeSetup(
  input: { token: string; password: string },
  meta: { clientIp: string; userAgent: string | null; requestId: string },
) {
  const invalid = new AppError(
    "not_found",
    "this set-password link is invalid, used or expired: ask an administrator for a new one",
  );
  const user = await findUserBySetupHash(hashToken(input.token));
  if (!user || !user.passwordSetupExpiresAt || user.passwordSetupExpiresAt <= new Date() || user.disabled)
    throw invalid;
  const passwordHash = await hashPassword(input.password);
  await transaction(async (tx) => {
    const now = new Date();
    // Conditional on the same hash: two concurrent uses of one link cannot both succeed.
    if (!(await consumeSetupLink(tx, user.id, hashToken(input.token), passwordHash, now))) throw invalid;
    await appendAudit(tx, [
      {
        actorId: user.id,
        actorName: user.username,
        actorKind: "user",
        credential: "password_link",
        action: "user.password_set",
        outcome: "success",
        ...meta,
        details: { via: "link" },
      },
    ]);
  });
  credentialCache().forgetUser(user.id);
  return { username: user.username };
}
