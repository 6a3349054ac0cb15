import assert from "node:assert/strict";
import { test } from "node:test";
import {
  ANY_CREDENTIAL,
  PERSON_CREDENTIALS,
  beyondCaller,
  credentialKind,
  credentialRefusal,
  type CallingCredential,
} from "./authority";
import type { Credential } from "./credentials";

const day = 86_400_000;
const at = (days: number) => new Date(Date.UTC(2030, 0, 1) + days * day);
const token = (expiresInDays: number | null, scopes?: { repository: string; actions: string[] }[]): Credential => ({
  type: "token",
  id: "t",
  prefix: "pct_x",
  expiresAt: expiresInDays === null ? null : at(expiresInDays),
  ...(scopes ? { scopes } : {}),
});

test("each request's credential has one kind", () => {
  const cases: [CallingCredential, string][] = [
    [{ kind: "user", via: "session" }, "session"],
    [{ kind: "user", via: "password", credential: { type: "password" } }, "password"],
    [{ kind: "user", via: "token", credential: token(30) }, "token"],
    [{ kind: "user", via: "token", credential: token(30, [{ repository: "a/*", actions: ["pull"] }]) }, "scoped_token"],
    [{ kind: "service_account", via: "token", credential: token(30) }, "robot_token"],
    [
      { kind: "service_account", via: "token", credential: token(30, [{ repository: "a/*", actions: ["pull"] }]) },
      "robot_token",
    ],
  ];
  for (const [c, kind] of cases) assert.equal(credentialKind(c), kind, JSON.stringify(c));
});

test("a route admits only the credential kinds it declares", () => {
  for (const kind of ["session", "password", "token"] as const)
    assert.equal(credentialRefusal(kind, PERSON_CREDENTIALS), null);
  assert.match(credentialRefusal("scoped_token", PERSON_CREDENTIALS) ?? "", /limited to registry scopes/);
  assert.match(credentialRefusal("robot_token", PERSON_CREDENTIALS) ?? "", /registry credentials/);
  for (const kind of ANY_CREDENTIAL) assert.equal(credentialRefusal(kind, ANY_CREDENTIAL), null);
});

test("nothing created by a request outlives or outreaches the token that asked", () => {
  const scoped = token(30, [{ repository: "team/*", actions: ["pull", "push"] }]);
  const cases: [
    string,
    Credential | undefined,
    { expiresAt: Date | null; scopes?: { repository: string; actions: string[] }[] },
    RegExp | null,
  ][] = [
    ["session: the person themselves", undefined, { expiresAt: null }, null],
    ["password: the person themselves", { type: "password" }, { expiresAt: null }, null],
    ["unscoped token, shorter-lived", token(30), { expiresAt: at(10) }, null],
    ["unscoped token, same expiry", token(30), { expiresAt: at(30) }, null],
    ["unscoped token, longer-lived", token(30), { expiresAt: at(31) }, /expires .* lives longer/],
    ["unscoped token, never expiring", token(30), { expiresAt: null }, /lives longer/],
    ["never-expiring token, never expiring", token(null), { expiresAt: null }, null],
    [
      "scoped token, narrower",
      scoped,
      { expiresAt: at(1), scopes: [{ repository: "team/app", actions: ["pull"] }] },
      null,
    ],
    ["scoped token, unlimited", scoped, { expiresAt: at(1) }, /unlimited/],
    [
      "scoped token, other repository",
      scoped,
      { expiresAt: at(1), scopes: [{ repository: "other/app", actions: ["pull"] }] },
      /pull on other\/app/,
    ],
    [
      "scoped token, more actions",
      scoped,
      { expiresAt: at(1), scopes: [{ repository: "team/app", actions: ["delete"] }] },
      /delete on team\/app/,
    ],
    [
      "scoped token, wider pattern",
      scoped,
      { expiresAt: at(1), scopes: [{ repository: "team*", actions: ["pull"] }] },
      /outside the scopes/,
    ],
  ];
  for (const [name, caller, minted, expected] of cases) {
    const why = beyondCaller(caller, minted);
    if (expected) assert.match(why ?? "", expected, name);
    else assert.equal(why, null, name);
  }
});
