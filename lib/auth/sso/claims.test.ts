import assert from "node:assert/strict";
import { test } from "node:test";
import { loadEnv, type OidcConfig } from "../../config/env";
import { accountFromClaims, shellSafeName } from "./claims";

const cfg: OidcConfig = {
  issuer: "https://idp.example.com/realms/corp",
  clientId: "portcullis",
  clientSecret: "s",
  name: "Corp SSO",
  scopes: "openid profile email",
  groupsClaim: "groups",
  adminGroups: ["Registry Admins"],
  auditorGroups: ["auditors"],
};

test("table: names the identity provider gives, made shell-safe", () => {
  const cases: [string, string | null][] = [
    ["ann", "ann"],
    ["Ann.Example", "ann.example"],
    ["José Núñez", "jose-nunez"],
    ["robot$ci", "robot-ci"],
    ["ann@example.com", "ann-example.com"],
    ["--x", null],
    ["_ok_", "ok"],
    ["a".repeat(80), "a".repeat(64)],
    ["ОЛЕГ", null], // Cyrillic letters do not become look-alike Latin ones
    ["", null],
  ];
  for (const [raw, want] of cases) assert.equal(shellSafeName(raw), want, raw);
});

test("table: claims to account, groups to role", () => {
  const made = accountFromClaims(cfg, {
    iss: cfg.issuer,
    sub: "f81d4fae",
    preferred_username: "Ann",
    name: "Ann Example",
    email: "ann@example.com",
    email_verified: true,
    groups: ["registry admins", "Payments"],
  });
  assert.deepEqual(made, {
    username: "ann",
    account: {
      source: "oidc",
      externalId: "https://idp.example.com/realms/corp#f81d4fae",
      displayName: "Ann Example",
      email: "ann@example.com",
      groups: ["registry admins", "payments"],
      role: "admin",
    },
  });
  const cases: [Record<string, unknown>, string, string | null, string][] = [
    [{ sub: "1", email: "bob@x.org", email_verified: false }, "bob", null, "user"],
    [
      { sub: "1", preferred_username: "$$", email: "carl@x.org", email_verified: true, groups: "auditors" },
      "carl",
      "carl@x.org",
      "auditor",
    ],
    [{ sub: "1", groups: [42, "AUDITORS"] }, "user-6b86b273ff", null, "auditor"],
  ];
  for (const [claims, username, email, role] of cases) {
    const r = accountFromClaims(cfg, { iss: cfg.issuer, ...claims });
    assert.ok("account" in r);
    assert.equal(r.username, username);
    assert.equal(r.account.email, email);
    assert.equal(r.account.role, role);
  }
  assert.deepEqual(accountFromClaims(cfg, { iss: cfg.issuer, preferred_username: "x" }), {
    refused: "the identity provider named no subject (sub)",
  });
  // A token from another issuer (a mix-up, or a discovery document naming someone else) is refused.
  for (const iss of ["https://evil.example.com/realms/corp", "https://idp.example.com/realms/corp2", undefined])
    assert.match((accountFromClaims(cfg, { iss, sub: "1" }) as { refused: string }).refused, /not https:\/\/idp/);
  assert.ok(
    "account" in accountFromClaims(cfg, { iss: `${cfg.issuer}/`, sub: "1" }),
    "a trailing slash is the same issuer",
  );
});

test("single sign-on configuration: off by default, complete or refused at start", () => {
  assert.equal(loadEnv({}).oidc, null);
  const ok = loadEnv({
    PORTCULLIS_OIDC_ISSUER: "https://idp.example.com/realms/corp/",
    PORTCULLIS_OIDC_CLIENT_ID: "portcullis",
    PORTCULLIS_OIDC_CLIENT_SECRET: "s3cret",
    PORTCULLIS_OIDC_ADMIN_GROUPS: "a; b",
  }).oidc!;
  assert.equal(ok.issuer, "https://idp.example.com/realms/corp");
  assert.deepEqual(ok.adminGroups, ["a", "b"]);
  assert.throws(() => loadEnv({ PORTCULLIS_OIDC_ISSUER: "https://idp.example.com" }), /CLIENT_SECRET are required/);
  assert.throws(
    () =>
      loadEnv({
        PORTCULLIS_OIDC_ISSUER: "https://idp.example.com",
        PORTCULLIS_OIDC_CLIENT_ID: "p",
        PORTCULLIS_OIDC_CLIENT_SECRET: "s",
        PORTCULLIS_OIDC_SCOPES: "profile email",
      }),
    /must include openid/,
  );
});
