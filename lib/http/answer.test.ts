import assert from "node:assert/strict";
import { test } from "node:test";
import { API, API_ROUTES } from "./api-catalog";
import { answer } from "./route";

const user = {
  id: "u1",
  username: "ada",
  email: null,
  displayName: "Ada",
  role: "user",
  disabled: false,
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
      { team: "pay ments", username: "ada", member: true },
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
