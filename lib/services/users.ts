import crypto from "node:crypto";
import { appendAudit } from "../audit/write";
import type { AuditActor } from "../audit/types";
import { credentialCache } from "../auth/credentials";
import { hashPassword, NO_PASSWORD } from "../auth/password";
import { transaction } from "../db/client";
import { accountNameTaken } from "../db/service-accounts";
import {
  countOtherAdmins,
  createUser,
  deleteUser,
  findUserById,
  findUserForDeletion,
  updateUser,
  type PublicUser,
  findUserByUsername,
} from "../db/users";
import { AppError, conflict, notFound } from "../errors";
import { issueSetupLink } from "./password-setup";
import type { CreateUserInput, UpdateUserInput } from "../validation/user";

/** Creates a user with an initial password, or without one: then the answer carries a one-time set-password link. */
export async function createUserAccount(
  actor: AuditActor,
  input: CreateUserInput,
): Promise<PublicUser & { setPasswordUrl?: string; setPasswordExpiresAt?: Date }> {
  if (await accountNameTaken(input.username))
    throw conflict(`the name "${input.username}" is already taken by a user or service account`);
  const passwordHash = input.password ? await hashPassword(input.password) : NO_PASSWORD;
  return transaction(async (tx) => {
    const user = await createUser(tx, {
      username: input.username,
      passwordHash,
      role: input.role,
      email: input.email,
      displayName: input.displayName,
    });
    const link = input.password ? null : await issueSetupLink(tx, user.id);
    await appendAudit(tx, [
      {
        ...actor,
        action: "user.create",
        outcome: "success",
        details: {
          after: { username: user.username, role: user.role, email: user.email },
          password: link ? "set-password link" : "initial password",
        },
      },
    ]);
    return link ? { ...user, setPasswordUrl: link.url, setPasswordExpiresAt: link.expiresAt } : user;
  });
}

function snapshot(u: PublicUser) {
  return {
    username: u.username,
    role: u.role,
    email: u.email,
    displayName: u.displayName,
    disabled: u.disabled,
    source: u.source,
  };
}

const SOURCES = { password: "local", directory: "ldap", sso: "oidc" } as const;

/** A change of where someone signs in: external accounts hold no password, and are linked afresh at their next sign-in. */
function signInChange(before: PublicUser, input: UpdateUserInput) {
  if (!input.signIn || SOURCES[input.signIn] === before.source) return {};
  if (input.password && input.signIn !== "password")
    throw new AppError("validation_failed", "a password is only for accounts that sign in with a password");
  const source = SOURCES[input.signIn];
  return {
    source,
    externalId: null,
    ...(source === "local" ? {} : { passwordHash: `!${source}:${crypto.randomBytes(16).toString("hex")}` }),
    passwordChangedAt: new Date(),
  };
}

export async function updateUserAccount(actor: AuditActor, id: string, input: UpdateUserInput): Promise<PublicUser> {
  const before = await findUserById(id);
  if (!before) throw notFound("user");
  if (
    actor.actorId === id &&
    (input.disabled === true || (input.role && input.role !== "admin" && before.role === "admin"))
  ) {
    throw new AppError("validation_failed", "you cannot disable yourself or remove your own admin role");
  }
  if (before.role === "admin" && ((input.role && input.role !== "admin") || input.disabled === true))
    await assertAnotherAdmin(id);
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const moved = signInChange(before, input);
  const invalidateSessions = Boolean(passwordHash) || input.disabled === true || "source" in moved;
  const user = await transaction(async (tx) => {
    const after = await updateUser(tx, id, {
      ...(input.role ? { role: input.role } : {}),
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
      ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
      ...moved,
      ...(passwordHash ? { passwordHash, passwordChangedAt: new Date() } : {}),
      ...(invalidateSessions ? { sessionsValidAfter: new Date() } : {}),
    });
    await appendAudit(tx, [
      {
        ...actor,
        action: passwordHash && Object.keys(input).length === 1 ? "user.password_reset" : "user.update",
        outcome: "success",
        details: {
          username: after.username,
          before: snapshot(before),
          after: snapshot(after),
          ...(passwordHash ? { passwordChanged: true } : {}),
        },
      },
    ]);
    return after;
  });
  if (invalidateSessions) credentialCache().forgetUser(id);
  return user;
}

async function assertAnotherAdmin(exceptId: string) {
  const others = await countOtherAdmins(exceptId);
  if (others === 0)
    throw new AppError("validation_failed", "this is the last enabled administrator; make someone else an admin first");
}

/** Deletes a user: their tokens and memberships go with them; their audit history stays. */
export async function deleteUserAccount(actor: AuditActor, id: string): Promise<PublicUser> {
  const before = await findUserForDeletion(id);
  if (!before) throw notFound("user");
  if (actor.actorId === id) throw new AppError("validation_failed", "you cannot delete your own account");
  if (before.role === "admin") await assertAnotherAdmin(id);
  const user = await transaction(async (tx) => {
    const gone = await deleteUser(tx, id);
    await appendAudit(tx, [
      {
        ...actor,
        action: "user.delete",
        outcome: "success",
        details: { before: snapshot(gone), tokensRevoked: before._count.tokens },
      },
    ]);
    return gone;
  });
  credentialCache().forgetUser(id);
  return user;
}

/** A user by name, or a 404 naming them. */
export async function userOr404(username: string) {
  const u = await findUserByUsername(username);
  if (!u) throw notFound(`user "${username}"`);
  return u;
}
