import { appendAudit } from "../audit/write";
import type { AuditActor } from "../audit/types";
import { credentialCache } from "../auth/credentials";
import { hashPassword, verifyPassword } from "../auth/password";
import { transaction } from "../db/client";
import {
  countLiveRefreshTokens,
  listLiveRobotTokensCreatedBy,
  listLiveTokens,
  revokeAccessTokens,
} from "../db/access-tokens";
import { revokeRefreshTokens } from "../db/refresh-tokens";
import { countOtherAdmins, endSessions, findPasswordHash, findUserById, setPassword } from "../db/users";
import { AppError, notFound } from "../errors";
import type { ChangePasswordInput, RevokeEverythingInput } from "../validation/user";
import { present } from "./tokens";

/** Sensitive changes ask for the password again, whatever credential the request came with. */
async function confirmPassword(userId: string, password: string, what: string): Promise<void> {
  const u = await findPasswordHash(userId);
  if (!u || !(await verifyPassword(u.passwordHash, password))) {
    throw new AppError("forbidden", `${what}: the password you entered is not correct`);
  }
}

/** Changes the caller's own password; every other session and the verified-credential cache are voided. */
export async function changeOwnPassword(
  actor: AuditActor & { actorId: string },
  input: ChangePasswordInput,
): Promise<{ changed: true }> {
  await confirmPassword(actor.actorId, input.currentPassword, "password not changed");
  const passwordHash = await hashPassword(input.newPassword);
  await transaction(async (tx) => {
    const now = new Date();
    await setPassword(tx, actor.actorId, passwordHash, now);
    await appendAudit(tx, [
      { ...actor, action: "user.password_change", outcome: "success", details: { passwordChanged: true } },
    ]);
  });
  credentialCache().forgetUser(actor.actorId);
  return { changed: true };
}

/** What "revoke everything" would take from a user: shown before confirming. */
export async function credentialsHeld(userId: string) {
  const user = await findUserById(userId);
  if (!user) throw notFound("user");
  const now = new Date();
  const [own, robots, refreshTokens] = await Promise.all([
    listLiveTokens(userId, now),
    listLiveRobotTokensCreatedBy(userId, now),
    countLiveRefreshTokens(userId, now),
  ]);
  return {
    user: { username: user.username, disabled: user.disabled, lastLoginAt: user.lastLoginAt },
    tokens: own.map(present),
    serviceAccountTokens: robots.map((t) => ({
      id: t.id,
      name: t.name,
      prefix: t.prefix,
      serviceAccount: t.serviceAccount?.name,
      expiresAt: t.expiresAt,
      lastUsedAt: t.lastUsedAt,
    })),
    refreshTokens,
    sessions: "every browser session",
  };
}

/**
 * For someone who leaves: their sessions, their tokens and refresh tokens, and the service-account
 * tokens they created, all revoked in one transaction; by default the account is disabled too.
 */
export async function revokeEverything(
  actor: AuditActor & { actorId: string },
  userId: string,
  input: RevokeEverythingInput,
) {
  if (actor.actorId === userId)
    throw new AppError(
      "validation_failed",
      "you cannot revoke everything of your own account; ask another administrator",
    );
  await confirmPassword(actor.actorId, input.password, "nothing was revoked");
  const held = await credentialsHeld(userId);
  const target = await findUserById(userId);
  if (input.disable && target?.role === "admin") {
    const others = await countOtherAdmins(userId);
    if (others === 0)
      throw new AppError(
        "validation_failed",
        "this is the last enabled administrator; make someone else an admin first",
      );
  }
  const result = await transaction(async (tx) => {
    const now = new Date();
    const own = await revokeAccessTokens(tx, { userId });
    const robots = await revokeAccessTokens(tx, { serviceAccountId: { not: null }, createdById: userId });
    const refresh = await revokeRefreshTokens(tx, userId, now);
    await endSessions(tx, userId, now, input.disable);
    const out = {
      tokensRevoked: own.count,
      serviceAccountTokensRevoked: robots.count,
      refreshTokensRevoked: refresh.count,
      sessionsEnded: true,
      disabled: input.disable,
    };
    await appendAudit(tx, [
      {
        ...actor,
        action: "user.revoke_everything",
        outcome: "success",
        details: {
          username: held.user.username,
          ...out,
          tokens: held.tokens.map((t) => t.prefix),
          serviceAccountTokens: held.serviceAccountTokens.map((t) => `${t.serviceAccount}:${t.prefix}`),
          before: { disabled: held.user.disabled },
          after: { disabled: input.disable || held.user.disabled },
        },
      },
    ]);
    return out;
  });
  credentialCache().forgetUser(userId);
  return result;
}
