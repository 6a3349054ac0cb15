import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "../errors";

/**
 * Serves a Web-standard route handler (the same function Next.js mounts) from node:http, for
 * the few paths server.ts answers in front of Next's router. The body is read with a limit.
 */
export async function toWebRequest(req: IncomingMessage, url: URL, maxBody = 256 * 1024): Promise<Request> {
  const chunks: Buffer[] = [];
  let size = 0;
  if (req.method !== "GET" && req.method !== "HEAD") {
    for await (const c of req as AsyncIterable<Buffer>) {
      size += c.length;
      if (size > maxBody)
        throw new AppError("payload_too_large", `the request body is larger than ${maxBody / 1024} KiB`);
      chunks.push(c);
    }
  }
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
  // Always overwritten, as for Next.js requests: a client cannot claim another address.
  headers.set("x-portcullis-socket-ip", req.socket.remoteAddress ?? "");
  return new Request(url, {
    method: req.method,
    headers,
    body: chunks.length ? Buffer.concat(chunks) : req.method === "GET" || req.method === "HEAD" ? undefined : "",
  });
}

export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const unread = response.status === 413; // the rest of the request is never read: close after answering
  res.writeHead(response.status, {
    ...Object.fromEntries(response.headers),
    "Content-Length": body.length,
    ...(unread ? { Connection: "close" } : {}),
  });
  res.end(body); // with Connection: close, Node closes the socket once the answer is out
}
