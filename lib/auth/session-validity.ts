/**
 * Whether a console session survives the account's `sessionsValidAfter` (password change or
 * reset, sign-out everywhere). Sessions record their sign-in time in milliseconds, so a session
 * from the same second as a reset is judged by the instant, not the second; one signed in at the
 * very millisecond of the reset is ended too (the safe side). Sessions from before this rule
 * carry seconds, and are taken as signed in at the start of their second. No time: not valid.
 */
export function sessionStillValid(signedInAt: number | null | undefined, validAfter: Date): boolean {
  if (typeof signedInAt !== "number" || !Number.isFinite(signedInAt)) return false;
  const ms = signedInAt < 1e11 ? signedInAt * 1000 : signedInAt;
  return ms > validAfter.getTime();
}
