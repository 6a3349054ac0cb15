// The in-process ceiling for `npm run bench:token`: a bare node:http server doing only what no
// token server can skip — parse the Basic credentials, hash the presented token, sign an ES256
// JWT with the same code the token endpoint uses, answer JSON — and nothing else (no database,
// no audit, no authorization). Prints its port on stdout, then serves until killed.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { buildClaims, signJwt, type Signer } from "../../lib/registry/jwt";
import { hashToken } from "../../lib/registry/pat";
import { generateSigningKey } from "../../lib/registry/signing-key";

const key = generateSigningKey("ES256");
const signer: Signer = { algorithm: "ES256", kid: key.kid, key: crypto.createPrivateKey(key.privateKeyPem) };

const server = http.createServer((req, res) => {
  const auth = req.headers.authorization ?? "";
  const decoded = Buffer.from(auth.slice(6), "base64").toString("utf8");
  const i = decoded.indexOf(":");
  const username = decoded.slice(0, i);
  hashToken(decoded.slice(i + 1));
  const url = new URL(req.url ?? "/", "http://ceiling");
  const [, name = "", actions = ""] = (url.searchParams.get("scope") ?? "").split(":");
  const token = signJwt(
    buildClaims({
      issuer: "portcullis",
      subject: username,
      service: url.searchParams.get("service") ?? "",
      access: [{ type: "repository", name, actions: actions.split(",") }],
      ttlSeconds: 300,
    }),
    signer,
  );
  const body = JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date().toISOString() });
  res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => console.log((server.address() as AddressInfo).port));
