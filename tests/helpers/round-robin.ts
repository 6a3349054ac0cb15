import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small HTTP load balancer: each request goes to the next backend in turn, with the client's
 * address appended to X-Forwarded-For as a reverse proxy does. Enough to spread one client's
 * requests over several Portcullis instances.
 */
export async function startRoundRobin(backends: string[]): Promise<{ url: string; stop(): Promise<void> }> {
  let next = 0;
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const target = new URL(req.url ?? "/", backends[next++ % backends.length]);
    const forwarded = [req.headers["x-forwarded-for"], req.socket.remoteAddress].filter(Boolean).join(", ");
    const up = http.request(
      target,
      { method: req.method, headers: { ...req.headers, "x-forwarded-for": forwarded }, agent },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on("error", () => {
      if (!res.headersSent) res.writeHead(502, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ error: { code: "bad_gateway", message: "backend unreachable" } }));
    });
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((r) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
