import assert from "node:assert/strict";
import http from "node:http";
import { test } from "node:test";
import { checkUrl, isPrivateAddress, OutboundError, outboundRequest } from "./outbound";

test("private, loopback and link-local ranges are recognised; public ones are not", () => {
  const blocked = [
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "0.1.2.3",
    "224.0.0.1",
    "255.255.255.255",
    "240.0.0.1",
    "192.0.0.8",
    "192.0.2.1",
    "198.51.100.7",
    "203.0.113.9",
    "198.18.0.1",
    "::1",
    "::",
    "fd00::1",
    "fc00::1",
    "fe80::1",
    "ff02::1",
    "fec0::1",
    // IPv4-mapped loopback in every spelling the URL parser or a resolver may produce
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "0:0:0:0:0:ffff:7f00:1",
    "::FFFF:7F00:0001",
    "::ffff:10.0.0.1",
    "::ffff:a9fe:a9fe",
    "::7f00:1",
    "::127.0.0.1", // IPv4-compatible (deprecated)
    "64:ff9b::7f00:1",
    "64:ff9b::a9fe:a9fe", // NAT64
    "2002:7f00:1::",
    "2002:c0a8:101::1", // 6to4
    "2001::1",
    "2001:db8::1",
    "2001:10::1",
    "100::1", // Teredo, documentation, ORCHID, discard
    "not-an-address",
    "",
  ];
  for (const ip of blocked) assert.equal(isPrivateAddress(ip), true, ip);
  for (const ip of [
    "8.8.8.8",
    "172.32.0.1",
    "1.1.1.1",
    "2001:4860::8888",
    "192.169.0.1",
    "2606:4700::1111",
    "::ffff:8.8.8.8",
  ]) {
    assert.equal(isPrivateAddress(ip), false, ip);
  }
});

test("loopback written as IPv4-mapped IPv6 is refused before any connection is made", async () => {
  let connections = 0;
  const server = http.createServer((_req, res) => res.end("reached"));
  server.on("connection", () => connections++);
  await new Promise<void>((r) => server.listen(0, "::", r));
  const port = (server.address() as { port: number }).port;
  try {
    for (const host of [
      "[::ffff:127.0.0.1]",
      "[::ffff:7f00:1]",
      "[0:0:0:0:0:ffff:7f00:1]",
      "[::1]",
      "127.1",
      "2130706433",
      "0x7f.0.0.1",
      "localhost",
    ]) {
      await assert.rejects(
        outboundRequest(`http://${host}:${port}/v2/`, { allowPrivate: false }),
        /private or loopback/,
        host,
      );
    }
    assert.equal(connections, 0);
    assert.equal((await outboundRequest(`http://[::ffff:7f00:1]:${port}/`, { allowPrivate: true })).body, "reached");
  } finally {
    server.close();
  }
});

// Without one overall deadline the drip keeps the request open for ever: the test's own timeout fails it.
test(
  "one deadline covers the whole exchange: a registry dripping a byte a second is cut off",
  { timeout: 30_000 },
  async () => {
    const timers: NodeJS.Timeout[] = [];
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/plain" });
      timers.push(setInterval(() => res.write("x"), 100));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    try {
      await assert.rejects(
        outboundRequest(`http://127.0.0.1:${port}/`, { allowPrivate: true, timeoutMs: 800 }),
        (e: unknown) => e instanceof OutboundError && e.timedOut && /within 0.8 s/.test(e.message),
      );
    } finally {
      timers.forEach(clearInterval);
      server.closeAllConnections();
      server.close();
    }
  },
);

test("only http(s) without credentials; loopback refused unless allowed; redirects are not followed; bodies are bounded", async () => {
  assert.throws(() => checkUrl("file:///etc/passwd"), /not allowed/);
  assert.throws(() => checkUrl("gopher://x"), /not allowed/);
  assert.throws(() => checkUrl("http://u:p@host/"), /credentials/);
  assert.throws(() => checkUrl("not a url"), /not a URL/);
  const server = http.createServer((req, res) => {
    if (req.url === "/redirect") return void res.writeHead(302, { Location: "http://169.254.169.254/" }).end();
    if (req.url === "/big") return void res.end("x".repeat(5000));
    res.end("ok");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  try {
    await assert.rejects(
      outboundRequest(`${base}/`, { allowPrivate: false }),
      (e: unknown) =>
        e instanceof OutboundError &&
        /private or loopback/.test(e.message) &&
        /allow private network/.test(e.fix ?? ""),
    );
    assert.equal((await outboundRequest(`${base}/`, { allowPrivate: true })).body, "ok");
    const r = await outboundRequest(`${base}/redirect`, { allowPrivate: true });
    assert.equal(r.status, 302, "the redirect is reported, not followed");
    await assert.rejects(
      outboundRequest(`${base}/big`, { allowPrivate: true, maxBytes: 1000 }),
      /larger than 1000 bytes/,
    );
    await assert.rejects(outboundRequest("http://127.0.0.1:1/", { allowPrivate: true }), /refused/);
  } finally {
    server.close();
  }
});
