import assert from "node:assert/strict";
import test from "node:test";
import type { Credential, Subject } from "../auth/credentials";
import { auditBody } from "../audit/write";
import type { GrantRule, Principal } from "../registry/authorize";
import { decide, type Asked } from "./decision";

const subject: Subject = { kind: "user", id: "4b0f0a62-3c1e-4c55-8f55-1f7f0e0c9a11", name: "alice", role: "user" };
const credential: Credential = { type: "token", id: "tok1", prefix: "pct_ab", expiresAt: null };
const rules = (): readonly GrantRule[] => [
  { id: "g1", repository: "team/*", actions: ["pull", "push"], via: { type: "team", name: "devs" } },
];
const principal = (r: readonly GrantRule[], tokenScopes?: Principal["tokenScopes"]): Principal => ({
  kind: "user",
  name: "alice",
  admin: false,
  rules: r,
  ...(tokenScopes ? { tokenScopes } : {}),
});
const asked: Asked = {
  service: "registry.example",
  scopes: ["repository:team/app:pull,push,delete", "bogus scope:"],
  form: "basic",
  account: "someone-else",
  kid: "K1",
};
const values = {
  time: new Date("2026-11-29T10:00:00.000Z"),
  jti: "jti-1",
  clientIp: "10.1.2.3",
  userAgent: "docker/27",
  requestId: "req-1",
};

test("a decision is what authorize() decides, recorded as the whole event would be", () => {
  const d = decide(principal(rules()), subject, credential, asked);
  assert.deepEqual(d.access, [{ type: "repository", name: "team/app", actions: ["pull", "push"] }]);
  assert.equal(d.outcome, "partial");
  assert.equal(d.reason, "no_grant");
  const expected = auditBody({
    time: values.time,
    actorId: subject.id,
    actorName: "alice",
    actorKind: "user",
    credential: "token:tok1",
    action: "token.issue",
    outcome: "partial",
    reason: "team/app:delete=no_grant",
    repository: "team/app",
    requested: ["repository:team/app:pull,push,delete"],
    granted: d.access,
    clientIp: values.clientIp,
    userAgent: values.userAgent,
    requestId: values.requestId,
    details: {
      service: "registry.example",
      form: "basic",
      jti: "jti-1",
      kid: "K1",
      decisions: [
        {
          scope: "repository:team/app:pull,push,delete",
          granted: ["pull", "push"],
          denied: [{ action: "delete", reason: "no_grant" }],
          rules: [
            { action: "pull", grant: "g1", repository: "team/*", via: { type: "team", name: "devs" } },
            { action: "push", grant: "g1", repository: "team/*", via: { type: "team", name: "devs" } },
          ],
        },
      ],
      malformed: ["bogus", "scope:"],
      account: "someone-else",
    },
  });
  assert.equal(d.auditBody(values), expected);
});

test("a repeated request reuses its decision; other rules, token scopes or requests decide again", () => {
  const r = rules();
  const p = principal(r);
  const d = decide(p, subject, credential, asked);
  assert.equal(decide(principal(r), subject, credential, { ...asked }), d, "same rules array and request");
  // Each of these is a new decision.
  const others: [string, ReturnType<typeof decide>][] = [
    ["new rules (the credential was read again)", decide(principal(rules()), subject, credential, asked)],
    ["token scopes", decide(principal(r, [{ repository: "team/app", actions: ["pull"] }]), subject, credential, asked)],
    ["scopes", decide(p, subject, credential, { ...asked, scopes: ["repository:team/app:pull"] })],
    ["service", decide(p, subject, credential, { ...asked, service: "other" })],
    ["signing key", decide(p, subject, credential, { ...asked, kid: "K2" })],
    ["form", decide(p, subject, credential, { ...asked, form: "oauth2" })],
    ["account", decide(p, subject, credential, { ...asked, account: undefined })],
    ["credential", decide(p, subject, { type: "password" }, asked)],
    ["admin", decide({ ...p, admin: true }, subject, credential, asked)],
  ];
  for (const [what, other] of others) assert.notEqual(other, d, what);
  // What they decide follows: the token's scopes narrow, an administrator gets delete too.
  assert.deepEqual(others[1][1].access[0].actions, ["pull"]);
  assert.deepEqual(others[8][1].access[0].actions, ["pull", "push", "delete"]);
  assert.match(others[4][1].auditBody(values), /"kid":"K2"/);
});

test("a request too large to keep is decided afresh each time, the same way", () => {
  const p = principal(rules());
  const many = { ...asked, scopes: Array.from({ length: 200 }, (_, i) => `repository:team/app${i}:pull`) };
  const first = decide(p, subject, credential, many);
  const again = decide(p, subject, credential, many);
  assert.notEqual(again, first);
  assert.deepEqual(again.access, first.access);
  assert.equal(again.auditBody(values), first.auditBody(values));
});
