/**
 * What the access log learns about a request while it is handled: who it turned out to be. Keyed
 * by the request id server.ts gives every request (X-Request-Id), in one map per process on
 * globalThis, so Next.js's bundle (which does not run inside server.ts's async context) and
 * server.ts's own modules both reach it.
 */
export interface RequestContext {
  requestId: string;
  actor?: string;
}

const slot = globalThis as unknown as { __portcullisRequests?: Map<string, RequestContext> };
const open = () => (slot.__portcullisRequests ??= new Map());

/** Tracks the request until `done` is called (when its answer is out). */
export function trackRequest(ctx: RequestContext): { done(): void } {
  open().set(ctx.requestId, ctx);
  return { done: () => open().delete(ctx.requestId) };
}

/** The request's actor, once its credentials are checked (a name, never a secret). */
export function noteActor(requestId: string, name: string | null | undefined): void {
  const ctx = open().get(requestId);
  if (ctx && name) ctx.actor = name;
}
