/** Errors meaning "the database cannot be reached" (pg, Prisma, PGlite): answered 503, not 500. */
export function isUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string; name?: string } | undefined;
  if (!e) return false;
  // 57014: statement_timeout; "Query read timeout": the server stopped answering (query_timeout);
  // 53300 / P2037: the server has no connection slot left (overload: retry, not a bug).
  if (
    [
      "ECONNREFUSED",
      "ECONNRESET",
      "ETIMEDOUT",
      "57P01",
      "57P03",
      "57014",
      "53300",
      "P1001",
      "P1017",
      "P2024",
      "P2037",
    ].includes(e.code ?? "")
  )
    return true;
  return /Can't reach database server|Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|DatabaseNotReachable|ConnectionClosed|Query read timeout|canceling statement due to statement timeout|Client has encountered a connection error|Too many database connections|too many clients already|remaining connection slots are reserved/i.test(
    e.message ?? "",
  );
}

/** Maps Prisma's unique-constraint error to a conflict the caller can act on. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  return e?.code === "P2002" || /Unique constraint failed|duplicate key value/i.test(e?.message ?? "");
}

/** A row still referenced by another (a restricted foreign key): the caller says what refers to it. */
export function isForeignKeyViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  return e?.code === "P2003" || /Foreign key constraint|violates foreign key constraint/i.test(e?.message ?? "");
}
