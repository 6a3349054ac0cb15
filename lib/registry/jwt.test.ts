import assert from "node:assert/strict";
import crypto from "node:crypto";
import { test } from "node:test";
import { buildClaims, signJwt, verifyJwt } from "./jwt";
import { generateSigningKey, libtrustKeyId } from "./signing-key";

test("ES256 tokens: header, claims, raw r||s signature", () => {
  const k = generateSigningKey("ES256");
  const key = crypto.createPrivateKey(k.privateKeyPem);
  const claims = buildClaims({
    issuer: "portcullis",
    subject: "alice",
    service: "reg",
    access: [],
    ttlSeconds: 10,
    now: 1_700_000_000_000,
  });
  assert.equal(claims.exp - claims.iat, 60, "never less than 60 s");
  assert.equal(typeof claims.aud, "string");
  const jwt = signJwt(claims, { algorithm: "ES256", kid: k.kid, key });
  const [h, , s] = jwt.split(".");
  assert.deepEqual(JSON.parse(Buffer.from(h, "base64url").toString()), { typ: "JWT", alg: "ES256", kid: k.kid });
  assert.equal(Buffer.from(s, "base64url").length, 64);
  const cert = new crypto.X509Certificate(k.certificatePem);
  assert.deepEqual(verifyJwt(jwt, cert.publicKey), claims);
  assert.equal(verifyJwt(jwt.slice(0, -4) + "AAAA", cert.publicKey), null);
});

test("libtrust key id: 12 groups of 4 base32 characters, stable for a key", () => {
  const k = generateSigningKey("RS256");
  assert.match(k.kid, /^([A-Z2-7]{4}:){11}[A-Z2-7]{4}$/);
  const cert = new crypto.X509Certificate(k.certificatePem);
  assert.equal(libtrustKeyId(cert.publicKey), k.kid);
  assert.equal(cert.verify(cert.publicKey), true, "self-signed certificate verifies");
});

test("libtrust key id matches a known vector", () => {
  // SPKI of a fixed P-256 key: id computed independently (sha256 → 30 bytes → base32 → groups).
  const pem =
    "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEVs/o5+uQbTjL3chynL4wXgUg2R9\nq9UU8I5mEovUf86QZ7kOBIjJwqnzD1omageEHWwHdBO6B+dFabmdT9POxg==\n-----END PUBLIC KEY-----\n";
  const key = crypto.createPublicKey(pem);
  const der = key.export({ type: "spki", format: "der" });
  const digest = crypto.createHash("sha256").update(der).digest().subarray(0, 30);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const b of digest) bits += b.toString(2).padStart(8, "0");
  const b32 = bits
    .match(/.{5}/g)!
    .map((c) => alphabet[parseInt(c, 2)])
    .join("");
  assert.equal(libtrustKeyId(key), b32.match(/.{4}/g)!.join(":"));
});
