/** The one application error: a code, a message safe to show, and an HTTP status. */
export type ErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "validation_failed"
  | "too_many_requests"
  | "unavailable"
  | "bad_gateway"
  | "gateway_timeout"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  validation_failed: 422,
  too_many_requests: 429,
  unavailable: 503,
  bad_gateway: 502,
  gateway_timeout: 504,
  internal: 500,
};

export class AppError extends Error {
  name = "AppError";
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);
export const forbidden = (message = "you are not allowed to do this") => new AppError("forbidden", message);
export const conflict = (message: string) => new AppError("conflict", message);

/** Errors meaning "the database cannot be reached" (pg, Prisma, PGlite): answered 503, not 500. */
export function isUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string; name?: string } | undefined;
  if (!e) return false;
  // 57014: statement_timeout; "Query read timeout": the server stopped answering (query_timeout).
  if (["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "57P01", "57P03", "57014", "P1001", "P1017", "P2024"].includes(e.code ?? "")) return true;
  return /Can't reach database server|Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|DatabaseNotReachable|ConnectionClosed|Query read timeout|canceling statement due to statement timeout|Client has encountered a connection error/i.test(
    e.message ?? "",
  );
}

/** Maps Prisma's unique-constraint error to a conflict the caller can act on. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  return e?.code === "P2002" || /Unique constraint failed|duplicate key value/i.test(e?.message ?? "");
}
