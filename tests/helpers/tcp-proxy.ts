import net from "node:net";
import { Transform } from "node:stream";

/** Passes each chunk on after the time it takes at `bytesPerSecond`: a slow uplink. */
function throttle(bytesPerSecond: number) {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      setTimeout(() => done(null, chunk), (chunk.length / bytesPerSecond) * 1000);
    },
  });
}

/**
 * A TCP proxy in front of PostgreSQL that a test can cut, restore or silence: what a database
 * restart, a network partition, or a failover leaving half-open connections looks like to
 * Portcullis, without touching the server other tests use. With `uploadBytesPerSecond`, what
 * clients send crawls (a long push over a slow link).
 */
export async function startTcpProxy(
  target: { host: string; port: number },
  opts: { uploadBytesPerSecond?: number } = {},
) {
  const sockets = new Set<net.Socket>();
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket | null }>();
  let down = false;
  let silent = false;
  /** Data in either direction is swallowed; neither side is told (no FIN, no RST). */
  const blackhole = (p: { client: net.Socket; upstream: net.Socket | null }) => {
    p.client.unpipe();
    p.upstream?.unpipe();
    p.client.removeAllListeners("data");
    p.upstream?.removeAllListeners("data");
    p.client.on("data", () => {});
    p.upstream?.on("data", () => {});
  };
  const server = net.createServer((client) => {
    if (down) return void client.destroy();
    client.on("error", () => {});
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    if (silent) {
      const p = { client, upstream: null };
      pairs.add(p);
      return blackhole(p);
    }
    const upstream = net.connect(target.port, target.host);
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    upstream.on("error", () => {});
    const p = { client, upstream };
    pairs.add(p);
    if (opts.uploadBytesPerSecond) client.pipe(throttle(opts.uploadBytesPerSecond)).pipe(upstream).pipe(client);
    else client.pipe(upstream).pipe(client);
    client.on("close", () => {
      upstream.destroy();
      pairs.delete(p);
    });
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as net.AddressInfo).port,
    /** Drops every open connection and refuses new ones. */
    cut() {
      down = true;
      for (const s of sockets) s.destroy();
    },
    restore() {
      down = false;
    },
    /** The database goes silent: open connections stay open but carry nothing, new ones hang. */
    silence() {
      silent = true;
      for (const p of pairs) blackhole(p);
    },
    /** New connections work again; the silenced ones stay half-open, as after a failover. */
    speak() {
      silent = false;
    },
    close: () =>
      new Promise<void>((r) => {
        down = true;
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
