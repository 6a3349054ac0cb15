import assert from "node:assert/strict";
import http from "node:http";
import { test } from "node:test";
import { checkUrl, isPrivateAddress, OutboundError, outboundRequest } from "./outbound";

test("private, loopback and link-local ranges are recognised; public ones are not", () => {
  for (const ip of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "224.0.0.1"]) {
    assert.equal(isPrivateAddress(ip), true, ip);
  }
  for (const ip of ["8.8.8.8", "172.32.0.1", "1.1.1.1", "2001:4860::8888", "192.169.0.1"]) assert.equal(isPrivateAddress(ip), false, ip);
});

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
    await assert.rejects(outboundRequest(`${base}/`, { allowPrivate: false }), (e: unknown) => e instanceof OutboundError && /private or loopback/.test(e.message) && /allow private network/.test(e.fix ?? ""));
    assert.equal((await outboundRequest(`${base}/`, { allowPrivate: true })).body, "ok");
    const r = await outboundRequest(`${base}/redirect`, { allowPrivate: true });
    assert.equal(r.status, 302, "the redirect is reported, not followed");
    await assert.rejects(outboundRequest(`${base}/big`, { allowPrivate: true, maxBytes: 1000 }), /larger than 1000 bytes/);
    await assert.rejects(outboundRequest("http://127.0.0.1:1/", { allowPrivate: true }), /refused/);
  } finally {
    server.close();
  }
});
