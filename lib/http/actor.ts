import type { RequestFacts } from "../audit/actor";
import { requestIp } from "./client-info";

/** What an audit record keeps of an HTTP request: the client's address, its user agent, the request id. */
export function requestFacts(req: Request, requestId?: string): RequestFacts {
  return { clientIp: requestIp(req), userAgent: req.headers.get("user-agent"), requestId: requestId ?? null };
}
