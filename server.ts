// The process entry: a small HTTP server that answers the hot registry token endpoint and the
// health probe itself and hands every other request to Next.js. One process, one database.
import http from "node:http";
import path from "node:path";
import next from "next";
import { ConfigError, live } from "./lib/config/env";
import { logger } from "./lib/log";
import { runtimeSecrets } from "./lib/runtime-secrets";
import { startRuntime, type Runtime } from "./lib/runtime";
import { handleWithAccessLog } from "./lib/server/access-log";
import { keepOutputJson } from "./lib/server/json-output";
import { serveFastPath } from "./lib/server/fast-routes";
import { indexStaticAssets, serveStaticAsset } from "./lib/server/static-assets";

const dev = process.argv.includes("--dev");

async function main(): Promise<void> {
  let runtime: Runtime;
  try {
    runtime = await startRuntime();
  } catch (err) {
    const msg = err instanceof ConfigError ? err.message : `Portcullis could not start: ${(err as Error).message}`;
    process.stderr.write(`\n${msg}\n\n`);
    process.exit(1);
  }
  // A failed start above is told in plain words to the person starting it; from here on, in
  // production, every output line is JSON (Next.js's own lines included).
  if (!dev) keepOutputJson();
  const e = runtime.env;
  live.provideNextAuth(e.publicUrl, runtimeSecrets().nextauthSecret);

  const app = next({ dev, dir: process.cwd(), hostname: e.HOSTNAME, port: e.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();
  // The build's scripts and styles, compressed by the build (next dev serves its own).
  const assets = dev ? new Map() : indexStaticAssets(path.join(process.cwd(), ".next", "static"));

  const server = http.createServer((req, res) =>
    handleWithAccessLog(req, res, () => {
      if (serveFastPath(req, res)) return;
      if (serveStaticAsset(req, res, assets, (req.url ?? "/").split("?", 1)[0])) return;
      // Always overwritten, so a client cannot claim another address through this header.
      req.headers["x-portcullis-socket-ip"] = req.socket.remoteAddress ?? "";
      void handle(req, res);
    }),
  );
  server.keepAliveTimeout = 65_000;
  server.on("error", (err: NodeJS.ErrnoException) => {
    process.stderr.write(
      err.code === "EADDRINUSE"
        ? `\nPort ${e.PORT} is already in use. Stop the other program or start with PORT=<another port>.\n\n`
        : `\nThe server failed: ${err.message}\n\n`,
    );
    void runtime.close().finally(() => process.exit(1));
  });
  server.listen(e.PORT, e.HOSTNAME, () => {
    logger.info("Portcullis is listening", {
      url: e.publicUrl,
      database: e.embedded ? `embedded (${e.dataDir}/pgdata)` : "postgresql",
      tokenRealm: `${e.publicUrl}/api/registry/token`,
    });
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("shutting down", { signal });
    // Requests in flight finish (and their audit events are written) before the database closes;
    // whatever is still open after 5 s is cut.
    const cut = setTimeout(() => server.closeAllConnections(), 5_000);
    server.close(() => {
      clearTimeout(cut);
      void runtime.close().finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

void main();
