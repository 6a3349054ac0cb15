import { live } from "../config/env";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cookies } from "next/headers";
import { decode } from "next-auth/jwt";
import { findUserById } from "../db/users";
import { authOptions } from "./options";
import { sessionStillValid } from "./session-validity";

export type SessionUser = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

/**
 * The signed-in user, re-read from the database on every request: a disabled account, a deleted
 * one, or a session older than the account's sessionsValidAfter (sign-out everywhere, password
 * change) is signed out at once.
 */
export async function currentUser(): Promise<SessionUser | null> {
  const session = (await getServerSession({ ...authOptions, secret: live.nextAuthSecret() })) as {
    uid?: string;
  } | null;
  if (!session?.uid) return null;
  const user = await findUserById(session.uid);
  if (!user || user.disabled) return null;
  if (!sessionStillValid(await sessionIssuedAt(), user.sessionsValidAfter)) return null;
  return user;
}

async function sessionIssuedAt(): Promise<number | null> {
  const jar = await cookies();
  const raw = jar.get("__Secure-next-auth.session-token")?.value ?? jar.get("next-auth.session-token")?.value;
  if (!raw) return null;
  const token = await decode({ token: raw, secret: live.nextAuthSecret()! });
  return typeof token?.signedInAt === "number" ? token.signedInAt : null;
}

/** For pages: the user, or a redirect to sign-in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}
