import assert from "node:assert/strict";
import { test } from "node:test";
import { API, API_ROUTES } from "./api-catalog";
import { AppError } from "../errors";
import { answer, pathParams } from "./route";

const user = {
  id: "u1",
  username: "ada",
  email: null,
  displayName: "Ada",
  role: "user",
  disabled: false,
  source: "local",
  lastLoginAt: null,
  createdAt: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
  updatedAt: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
};

test("every JSON route declares its answer; file routes declare their media types", () => {
  for (const r of API_ROUTES)
    assert.ok(Boolean(r.response) !== Boolean(r.produces), `${r.key}: exactly one of response and produces`);
  for (const r of API_ROUTES.filter((x) => x.status === 201))
    assert.ok(r.location, `${r.key}: a 201 says where the new resource lives`);
});

test("an answer carries only what its schema names, with times as ISO strings", async () => {
  const res = answer(
    API["GET /api/v1/users/{username}"],
    { ...user, passwordHash: "$argon2id$secret", _count: { tokens: 3 } },
    { username: "ada" },
  );
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.deepEqual(Object.keys(body).sort(), [
    "createdAt",
    "disabled",
    "displayName",
    "email",
    "id",
    "lastLoginAt",
    "role",
    "source",
    "updatedAt",
    "username",
  ]);
  assert.equal(body.createdAt, "2026-01-02T03:04:05.000Z");
});

test("a 201 names the new resource in Location, filled from the answer or the path", async () => {
  const cases: [keyof typeof API, unknown, Record<string, string>, string][] = [
    ["POST /api/v1/users", user, {}, "/api/v1/users/ada"],
    [
      "POST /api/v1/teams/{name}/members",
      { team: "pay ments", username: "ada", member: true, role: "member" },
      { name: "pay ments" },
      "/api/v1/teams/pay%20ments",
    ],
  ];
  for (const [key, out, params, location] of cases) {
    const res = answer(API[key], out, params);
    assert.equal(res.status, 201, key);
    assert.equal(res.headers.get("location"), location, key);
  }
});

test("an answer that does not fit its schema fails loudly instead of leaking a shape no client expects", () => {
  assert.throws(() => answer(API["GET /api/v1/users/{username}"], { username: "ada" }, {}));
});

test("path parameters are checked against the catalog before any handler runs: a misfit is 404, a NUL 400", () => {
  const cases: [keyof typeof API, Record<string, string>, Record<string, string> | number][] = [
    [
      "GET /api/v1/tokens/{id}",
      { id: "0b9a9b44-4c8e-4b55-9c83-2f4f3c1d6f10" },
      { id: "0b9a9b44-4c8e-4b55-9c83-2f4f3c1d6f10" },
    ],
    ["GET /api/v1/tokens/{id}", { id: "not-a-uuid" }, 404],
    ["GET /api/v1/audit-events/{id}", { id: "123" }, { id: "123" }],
    ["GET /api/v1/audit-events/{id}", { id: "12e3" }, 404],
    ["GET /api/v1/policies/{format}", { format: "zot" }, { format: "zot" }],
    ["GET /api/v1/policies/{format}", { format: "htpasswd" }, 404],
    ["GET /api/v1/teams/{name}", { name: "pay%20ments" }, { name: "pay ments" }],
    ["GET /api/v1/teams/{name}", { name: "%E0%A4%A" }, 404],
    ["GET /api/v1/teams/{name}", { name: "a%00b" }, 400],
    ["GET /api/v1/teams/{name}", { name: "x".repeat(300) }, 404],
  ];
  for (const [key, raw, expected] of cases) {
    const label = `${key} ${JSON.stringify(raw)}`;
    if (typeof expected === "number") {
      assert.throws(
        () => pathParams(API[key], raw),
        (e: AppError) => e.status === expected,
        label,
      );
    } else assert.deepEqual(pathParams(API[key], raw), expected, label);
  }
});
