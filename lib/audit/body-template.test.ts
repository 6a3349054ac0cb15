import assert from "node:assert/strict";
import test from "node:test";
import { bodyTemplate, type HoleValue } from "./body-template";
import type { AuditInput } from "./types";
import { auditBody } from "./write";

const event = (v: { jti: string; clientIp: HoleValue; userAgent: HoleValue; requestId: HoleValue }) => ({
  actorId: "4b0f0a62-3c1e-4c55-8f55-1f7f0e0c9a11",
  actorName: "ci-bot",
  actorKind: "service_account" as const,
  credential: "token:abc",
  action: "token.issue" as const,
  outcome: "partial" as const,
  reason: "team/app:delete=no_grant",
  repository: "team/app",
  requested: ["repository:team/app:pull,push,delete"],
  granted: [{ type: "repository", name: "team/app", actions: ["pull", "push"] }],
  clientIp: v.clientIp as string | null | undefined,
  userAgent: v.userAgent as string | null | undefined,
  requestId: v.requestId as string | null | undefined,
  details: { service: "registry.example", form: "basic", jti: v.jti, kid: "K1", decisions: [{ scope: "x" }] },
});

test("a filled body template is the text auditBody writes for the whole event", () => {
  const render = bodyTemplate(["jti", "clientIp", "userAgent", "requestId"], (hole) =>
    event({ jti: hole("jti"), clientIp: hole("clientIp"), userAgent: hole("userAgent"), requestId: hole("requestId") }),
  );
  const time = new Date("2026-11-29T10:11:12.345Z");
  const cases: { jti: string; clientIp: HoleValue; userAgent: HoleValue; requestId: HoleValue }[] = [
    { jti: "j-1", clientIp: "10.0.0.7", userAgent: "docker/27.0 go/go1.22", requestId: "r-1" },
    { jti: "j-2", clientIp: "::1", userAgent: undefined, requestId: null },
    // What a client may send in its user agent or request id: quotes, backslashes, controls (made
    // visible), line separators, half a surrogate pair, U+0000, what looks like a hole, and more
    // than the 1,000 characters kept.
    { jti: 'j"3\\', clientIp: "1.2.3.4", userAgent: 'say "hi"\\\n\t\u0085\u2028', requestId: "\ud800x\u0000" },
    { jti: "hole-0123-jti", clientIp: "1.2.3.4", userAgent: '"hole-abcd-userAgent"', requestId: "🐳" },
    { jti: "j-5", clientIp: "1.2.3.4", userAgent: "u".repeat(1500), requestId: "\u0001".repeat(400) },
  ];
  for (const c of cases) {
    const expected = auditBody({ ...event(c), time } as AuditInput);
    assert.equal(render({ ...c, time }), expected, JSON.stringify(c).slice(0, 80));
    JSON.parse(expected); // and it is JSON
  }
});

test("a body template refuses a hole placed twice or not at all", () => {
  assert.throws(
    () =>
      bodyTemplate(["jti", "clientIp"], (hole) => ({
        ...event({ jti: hole("jti"), clientIp: null, userAgent: null, requestId: null }),
      })),
    /each hole once: jti, clientIp, time; found/,
  );
  assert.throws(
    () =>
      bodyTemplate(["jti"], (hole) => ({
        ...event({ jti: hole("jti"), clientIp: null, userAgent: null, requestId: null }),
        reason: hole("jti"),
      })),
    /each hole once/,
  );
});
