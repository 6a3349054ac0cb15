import { db } from "./client";

/**
 * The identity provider's refresh token of a person (sealed by the caller), and who may ask the
 * provider next: a lease taken by one conditional update, so two replicas never spend the same
 * refresh token at once (providers that rotate them would revoke both).
 */
export function rememberProviderSession(userId: string, sealedRefreshToken: string) {
  const fresh = {
    refreshToken: sealedRefreshToken,
    checkedAt: new Date(),
    leaseUntil: null,
    endedAt: null,
    endedReason: null,
  };
  return db().identityProviderSession.upsert({
    where: { userId },
    create: { userId, ...fresh },
    update: fresh,
    select: { userId: true },
  });
}

/** A provider that issued no refresh token: nothing to follow up between sign-ins. */
export function forgetProviderSession(userId: string) {
  return db().identityProviderSession.deleteMany({ where: { userId } });
}

export function findProviderSession(userId: string) {
  return db().identityProviderSession.findUnique({
    where: { userId },
    select: { refreshToken: true, checkedAt: true, endedAt: true, endedReason: true },
  });
}

/**
 * Takes the lease to ask the provider when the last answer is older than `olderThan` and no other
 * replica holds it; the sealed refresh token when taken, else null.
 */
export async function leaseProviderCheck(userId: string, olderThan: Date, leaseMs: number): Promise<string | null> {
  const now = new Date();
  const taken = await db().identityProviderSession.updateManyAndReturn({
    where: {
      userId,
      endedAt: null,
      checkedAt: { lte: olderThan },
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
    },
    data: { leaseUntil: new Date(now.getTime() + leaseMs) },
    select: { refreshToken: true },
  });
  return taken[0]?.refreshToken ?? null;
}

/** The provider answered: a new refresh token when it rotated one; the session ended when it refused. */
export function settleProviderCheck(userId: string, outcome: { sealedRefreshToken?: string; ended?: string }) {
  const now = new Date();
  return db().identityProviderSession.updateMany({
    where: { userId },
    data: {
      checkedAt: now,
      leaseUntil: null,
      ...(outcome.sealedRefreshToken ? { refreshToken: outcome.sealedRefreshToken } : {}),
      ...(outcome.ended ? { endedAt: now, endedReason: outcome.ended.slice(0, 500) } : {}),
    },
  });
}

/** The provider did not answer: the lease goes, the last answer stands (tokens keep working). */
export function releaseProviderCheck(userId: string) {
  return db().identityProviderSession.updateMany({ where: { userId }, data: { leaseUntil: null } });
}

/** People whose tokens follow the provider, and those refused until they sign in again. */
export async function countProviderSessions() {
  const [following, ended] = await Promise.all([
    db().identityProviderSession.count({ where: { endedAt: null } }),
    db().identityProviderSession.count({ where: { endedAt: { not: null } } }),
  ]);
  return { following, ended };
}
