import http from "node:http";
import type { AddressInfo } from "node:net";
import { serveFastPath } from "../../lib/server/fast-routes";

/** The token endpoint and health probe exactly as server.ts serves them, without Next.js. */
export async function startTokenServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (!serveFastPath(req, res)) {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}
