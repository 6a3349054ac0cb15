import assert from "node:assert/strict";
import { test } from "node:test";
import { can } from "./permissions";

test("role table, failing closed", () => {
  assert.equal(can("admin", "users:write"), true);
  assert.equal(can("auditor", "audit:read"), true);
  assert.equal(can("auditor", "users:write"), false);
  assert.equal(can("auditor", "grants:write"), false);
  assert.equal(can("user", "users:read"), false);
  assert.equal(can("user", "audit:read"), false);
  assert.equal(can("superuser", "users:read"), false);
  assert.equal(can(undefined, "registries:read"), false);
});
