import type { Prisma } from "./client";

/**
 * A named lock held until the transaction ends, on every instance sharing the database: for the
 * few rules no constraint can state (first start, "at most one active signing key", a grant
 * already covered by a pattern). The name is hashed to PostgreSQL's advisory-lock key.
 */
export async function lockForTransaction(tx: Prisma.TransactionClient, name: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext(${name}))`;
}
