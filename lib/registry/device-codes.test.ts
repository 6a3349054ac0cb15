import assert from "node:assert/strict";
import { test } from "node:test";
import {
  formatUserCode,
  generateDeviceCode,
  generateUserCode,
  normalizeUserCode,
  parseDeviceScope,
  pollVerdict,
  USER_CODE_ALPHABET,
} from "./device-codes";

test("user codes: eight unambiguous letters, typed in any form, shown as XXXX-XXXX", () => {
  for (let i = 0; i < 200; i++) {
    const code = generateUserCode();
    assert.match(code, /^[BCDFGHJKLMNPQRSTVWXZ]{8}$/);
    assert.equal(normalizeUserCode(formatUserCode(code).toLowerCase()), code);
  }
  for (const ambiguous of ["0", "O", "1", "I", "L", "A", "E", "U", "Y", "5", "S"])
    assert.equal(USER_CODE_ALPHABET.includes(ambiguous), ambiguous === "L" || ambiguous === "S");
  const cases: [string, string | null][] = [
    ["BCDF-GHJK", "BCDFGHJK"],
    ["bcdf ghjk", "BCDFGHJK"],
    [" bcdfghjk ", "BCDFGHJK"],
    ["BCDF-GHJ", null],
    ["BCDF-GHJKL", null],
    ["BCDF-GHJA", null], // a vowel is never in a code
    ["BCDF-GHJ0", null],
    ["BCDF_GHJK", null],
    ["", null],
    ["ＢＣＤＦ-ＧＨＪＫ", null], // full-width look-alikes
  ];
  for (const [typed, want] of cases) assert.equal(normalizeUserCode(typed), want, typed);
});

test("device codes are long random secrets, different every time", () => {
  const a = generateDeviceCode();
  assert.match(a, /^pcd_[A-Za-z0-9_-]{43}$/);
  assert.notEqual(a, generateDeviceCode());
});

test("table: the scope a device asks for", () => {
  const cases: [string | undefined, unknown][] = [
    [undefined, { rules: null }],
    ["", { rules: null }],
    ["repository:team/app:pull", { rules: [{ repository: "team/app", actions: ["pull"] }] }],
    [
      "repository:team/*:pull,push repository:lib:pull",
      {
        rules: [
          { repository: "team/*", actions: ["pull", "push"] },
          { repository: "lib", actions: ["pull"] },
        ],
      },
    ],
    ["registry:catalog:*", /not repository:/],
    ["repository:team/app", /not repository:/],
    ["repository:Team/App:pull", /not a repository name/],
    ["repository:team/app:pull,admin", /must be pull, push or delete/],
    ["repository:team/app:pull,pull", /each once/],
    ["repository:team/app:*", /must be pull, push or delete/],
    [Array.from({ length: 21 }, (_, i) => `repository:r${i}:pull`).join(" "), /at most 20/],
  ];
  for (const [scope, want] of cases) {
    const got = parseDeviceScope(scope);
    if (want instanceof RegExp) assert.match((got as { error: string }).error ?? "", want, scope);
    else assert.deepEqual(got, want, scope);
  }
});

test("table: what each poll answers (RFC 8628 §3.5)", () => {
  const now = 1_000_000;
  const row = {
    clientId: "docker-credential-portcullis",
    status: "pending" as const,
    expiresAt: now + 60_000,
    interval: 5,
    lastPolledAt: null as number | null,
  };
  const cases: [string, typeof row | null, string | undefined, string][] = [
    ["unknown code", null, undefined, "invalid_grant"],
    ["another client", row, "other", "invalid_grant"],
    ["first poll, pending", row, "docker-credential-portcullis", "authorization_pending"],
    ["client id may be left out", row, undefined, "authorization_pending"],
    ["polled 5 s later", { ...row, lastPolledAt: now - 5000 }, undefined, "authorization_pending"],
    ["polled 4.6 s later (jitter)", { ...row, lastPolledAt: now - 4600 }, undefined, "authorization_pending"],
    ["polled 2 s later", { ...row, lastPolledAt: now - 2000 }, undefined, "slow_down"],
    [
      "after slow_down the interval is 10 s",
      { ...row, interval: 10, lastPolledAt: now - 6000 },
      undefined,
      "slow_down",
    ],
    ["denied", { ...row, status: "denied" as never }, undefined, "access_denied"],
    [
      "denied, polled too fast",
      { ...row, status: "denied" as never, lastPolledAt: now - 1000 },
      undefined,
      "slow_down",
    ],
    ["expired", { ...row, expiresAt: now }, undefined, "expired_token"],
    ["expired and approved", { ...row, status: "approved" as never, expiresAt: now - 1 }, undefined, "expired_token"],
    ["used", { ...row, status: "redeemed" as never }, undefined, "invalid_grant"],
    ["approved", { ...row, status: "approved" as never }, undefined, "redeem"],
  ];
  for (const [name, r, clientId, want] of cases) {
    const v = pollVerdict(r, { clientId, now });
    assert.equal("redeem" in v ? "redeem" : v.error, want, name);
    if ("error" in v && v.error === "slow_down") assert.equal(v.interval, r!.interval + 5, name);
  }
});
