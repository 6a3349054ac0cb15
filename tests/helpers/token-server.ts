import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before } from "node:test";
import { handleWithAccessLog } from "../../lib/server/access-log";
import { serveFastPath } from "../../lib/server/fast-routes";
import { certificateBundle, ensureSigningKey } from "../../lib/token-server/signer";
import { useTestDatabase as freshTestDatabase } from "./database";
import { makeRegistry } from "./factories";
import { startRegistry, type TestRegistry } from "./registry";

/** The token endpoint, health probe and metrics exactly as server.ts serves them (access log included), without Next.js. */
export async function startTokenServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const server = http.createServer((req, res) =>
    handleWithAccessLog(req, res, () => {
      if (!serveFastPath(req, res)) res.writeHead(404).end();
    }),
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * A test file's own database with one registry (`service`) and a signing key, and the token
 * endpoint serving it: set up before the file's tests, torn down after. `setup` runs last.
 */
export function tokenServerForFile(service: string, setup?: () => Promise<void>): { url: string } {
  const server = { url: "" };
  let stop: (() => Promise<void>) | undefined;
  let close: (() => Promise<void>) | undefined;
  before(async () => {
    const tdb = await freshTestDatabase();
    close = () => tdb.close();
    await makeRegistry(service);
    await ensureSigningKey();
    const s = await startTokenServer();
    stop = s.stop;
    server.url = s.url;
    await setup?.();
  });
  after(async () => {
    await stop?.();
    await close?.();
  });
  return server;
}

/**
 * tokenServerForFile plus a real docker-registry that trusts this database's signing key and
 * asks this token server: `ctx.registry` once the file's tests run. `setup` runs last.
 */
export function registryForFile(service: string, setup?: () => Promise<void>): { url: string; registry: TestRegistry } {
  const ctx = { url: "", registry: undefined as unknown as TestRegistry };
  const server = tokenServerForFile(service, async () => {
    ctx.url = server.url;
    ctx.registry = await startRegistry({
      realm: `${server.url}/api/registry/token`,
      service,
      issuer: "portcullis",
      bundlePem: await certificateBundle(),
    });
    await setup?.();
  });
  after(() => ctx.registry?.stop());
  return ctx;
}
