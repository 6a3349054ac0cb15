import assert from "node:assert/strict";
import { test } from "node:test";
import { routeOf } from "./access-log";

test("a request is named by its route template, never by its path's values (bounded metric labels)", () => {
  const cases: [string, string][] = [
    ["/api/registry/token", "/api/registry/token"],
    ["/metrics", "/metrics"],
    ["/api/oauth/device/code", "/api/oauth/device/code"],
    ["/api/oauth/revoke", "/api/oauth/revoke"],
    ["/api/health/ready", "/api/health/ready"],
    ["/api/v1/users/ada", "/api/v1/users/{username}"],
    ["/api/v1/users/ada/credentials", "/api/v1/users/{username}/credentials"],
    ["/api/v1/audit-events/count", "/api/v1/audit-events/count"],
    ["/api/v1/audit-events/12345", "/api/v1/audit-events/{id}"],
    ["/api/v1/teams/pay/members/ada", "/api/v1/teams/{name}/members/{username}"],
    ["/api/v1/browse/main/tags", "/api/v1/browse/{registry}/tags"],
    ["/api/v1/no-such-thing", "/api/other"],
    ["/api/auth/callback/credentials", "/api/auth/*"],
    ["/_next/static/chunks/x.js", "static"],
    ["/users", "page"],
    ["/audit/42", "page"],
  ];
  for (const [path, route] of cases) assert.equal(routeOf(path), route, path);
});
