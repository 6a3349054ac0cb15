import assert from "node:assert/strict";
import { test } from "node:test";
import { generateToken, hashToken, looksLikeToken, parseToken, tokenPrefix } from "./pat";

test("tokens carry a prefix, >=128 bits and a checksum", () => {
  const t = generateToken("pct");
  assert.match(t, /^pct_[0-9A-Za-z]{38}$/);
  assert.deepEqual(parseToken(t), { kind: "pct" });
  assert.equal(32 * Math.log2(62) >= 128, true);
  assert.equal(looksLikeToken(t), true);
  assert.equal(tokenPrefix(t).length, 12);
  assert.match(hashToken(t), /^[0-9a-f]{64}$/);
  assert.notEqual(generateToken("pct"), t);
});

test("a typo fails the checksum without a lookup", () => {
  const t = generateToken("pcr");
  const i = 10;
  const typo = t.slice(0, i) + (t[i] === "a" ? "b" : "a") + t.slice(i + 1);
  assert.equal(parseToken(typo), null);
  assert.equal(parseToken(t.slice(0, -1)), null);
  assert.equal(parseToken(t.replace("pcr_", "pct_")), null);
  assert.equal(parseToken("password123"), null);
});
