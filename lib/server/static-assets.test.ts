import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import zlib from "node:zlib";
import { chooseEncoding, indexStaticAssets, precompress, serveStaticAsset, STATIC_PREFIX } from "./static-assets";

test("the encoding sent: the client's best by q-value, brotli before gzip on a tie", () => {
  const all = ["br", "gzip", "identity"] as const;
  const cases: [string | undefined, readonly ("br" | "gzip" | "identity")[], string | undefined][] = [
    ["gzip, deflate, br, zstd", all, "br"], // Chromium
    ["gzip, deflate, br", all, "br"], // listed after gzip, same q: ours decides
    ["gzip, deflate", all, "gzip"],
    ["br;q=0.5, gzip", all, "gzip"],
    ["br", ["gzip", "identity"], "identity"], // no .br of this file
    [undefined, all, "identity"], // no header: identity
    ["", all, "identity"],
    ["identity;q=0, gzip;q=0", ["gzip", "identity"], undefined], // nothing acceptable: 406
    ["*;q=0", all, undefined],
    ["*", all, "br"],
    ["deflate", all, "identity"],
  ];
  for (const [header, available, want] of cases) {
    assert.equal(chooseEncoding(header, [...available]), want, `${header} of ${available.join(",")}`);
  }
});

test("precompressed files are served by exact path, decoded to the original; the rest is left to Next.js", async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "static-assets-"));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const script = "export const x = " + JSON.stringify("a".repeat(5000)) + ";\n";
  fs.mkdirSync(path.join(dir, "chunks"));
  fs.writeFileSync(path.join(dir, "chunks", "app.js"), script);
  fs.writeFileSync(path.join(dir, "font.woff2"), Buffer.from([1, 2, 3]));
  fs.writeFileSync(path.join(dir, "notes.unknown"), "?");
  assert.equal(await precompress(dir), 1); // the font is not text
  assert.ok(fs.existsSync(path.join(dir, "chunks", "app.js.br")));
  assert.ok(!fs.existsSync(path.join(dir, "font.woff2.br")));

  const index = indexStaticAssets(dir);
  assert.deepEqual([...index.keys()].sort(), [`${STATIC_PREFIX}chunks/app.js`, `${STATIC_PREFIX}font.woff2`]);
  const server = http.createServer((req, res) => {
    if (serveStaticAsset(req, res, index, (req.url ?? "/").split("?", 1)[0])) return;
    res.writeHead(299); // "Next.js"
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  t.after(() => server.close());
  const port = (server.address() as AddressInfo).port;
  const get = (p: string, headers: Record<string, string> = {}, method = "GET") =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        // path as given: a URL would resolve the `..` before sending
        .request({ host: "127.0.0.1", port, path: p, method, headers }, (res) => {
          const parts: Buffer[] = [];
          res.on("data", (d: Buffer) => parts.push(d));
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }));
        })
        .on("error", reject)
        .end();
    });

  const br = await get(`${STATIC_PREFIX}chunks/app.js`, { "accept-encoding": "gzip, deflate, br" });
  assert.equal(br.status, 200);
  assert.equal(br.headers["content-encoding"], "br");
  assert.equal(br.headers["content-type"], "application/javascript; charset=utf-8");
  assert.equal(br.headers["cache-control"], "public, max-age=31536000, immutable");
  assert.equal(br.headers.vary, "Accept-Encoding");
  assert.equal(br.headers["x-content-type-options"], "nosniff");
  assert.equal(Number(br.headers["content-length"]), br.body.length);
  assert.ok(br.body.length < script.length / 10);
  assert.equal(zlib.brotliDecompressSync(br.body).toString(), script);

  const gz = await get(`${STATIC_PREFIX}chunks/app.js?v=1`, { "accept-encoding": "gzip" });
  assert.equal(gz.headers["content-encoding"], "gzip");
  assert.equal(zlib.gunzipSync(gz.body).toString(), script);

  const plain = await get(`${STATIC_PREFIX}chunks/app.js`);
  assert.equal(plain.headers["content-encoding"], undefined);
  assert.equal(plain.body.toString(), script);

  const head = await get(`${STATIC_PREFIX}chunks/app.js`, { "accept-encoding": "br" }, "HEAD");
  assert.equal(head.status, 200);
  assert.equal(Number(head.headers["content-length"]), br.body.length);
  assert.equal(head.body.length, 0);

  const refused = await get(`${STATIC_PREFIX}chunks/app.js`, { "accept-encoding": "identity;q=0, *;q=0" });
  assert.equal(refused.status, 406);
  assert.match(refused.body.toString(), /encodings/);

  const font = await get(`${STATIC_PREFIX}font.woff2`, { "accept-encoding": "br" });
  assert.equal(font.headers["content-encoding"], undefined);
  assert.equal(font.headers["content-type"], "font/woff2");

  // Not in the index, or not GET/HEAD: Next.js answers (here: 299).
  for (const p of [
    `${STATIC_PREFIX}chunks/app.js.br`,
    `${STATIC_PREFIX}notes.unknown`,
    `${STATIC_PREFIX}chunks/../chunks/app.js`,
    `${STATIC_PREFIX}chunks/%2e%2e/chunks/app.js`,
    `${STATIC_PREFIX}missing.js`,
  ]) {
    assert.equal((await get(p, { "accept-encoding": "br" })).status, 299, p);
  }
  assert.equal((await get(`${STATIC_PREFIX}chunks/app.js`, {}, "POST")).status, 299);
});
