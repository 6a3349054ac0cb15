import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startRegistry, type TestRegistry } from "../tests/helpers/registry";
import type { Role } from "../lib/validation/common";

export const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? "";
export const basic = (user: string, secret: string) => `Basic ${Buffer.from(`${user}:${secret}`).toString("base64")}`;
export const unique = (p: string) => `${p}-${crypto.randomBytes(3).toString("hex")}`;

/** Calls the automation API as admin (HTTP Basic). */
export async function adminApi(request: APIRequestContext, method: string, path: string, data?: unknown) {
  const res = await request.fetch(path, { method, data, headers: { Authorization: basic("admin", ADMIN_PASSWORD) } });
  return { status: res.status(), body: await res.json().catch(() => null) };
}

/** A new team with `actions` on `<team>/*`, linked to an external group when one is named. */
export async function teamWithGrant(
  request: APIRequestContext,
  prefix: string,
  actions: string[],
  externalGroup?: string,
): Promise<string> {
  const team = unique(prefix);
  expect((await adminApi(request, "POST", "/api/v1/teams", { name: team })).status).toBe(201);
  if (externalGroup)
    expect((await adminApi(request, "PATCH", `/api/v1/teams/${team}`, { externalGroup })).status).toBe(200);
  const g = await adminApi(request, "POST", "/api/v1/grants", {
    subject: { type: "team", name: team },
    repository: `${team}/*`,
    actions,
  });
  expect(g.status).toBe(201);
  return team;
}

export async function createUser(request: APIRequestContext, role: Role = "user") {
  const username = unique(role);
  const password = `pw-${crypto.randomBytes(8).toString("hex")}`;
  const r = await adminApi(request, "POST", "/api/v1/users", { username, password, role });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { username, password, id: r.body.id as string };
}

/** Signs in through next-auth's endpoints (fast path; the sign-in form has its own tests). */
export async function signInViaApi(page: Page, username: string, password: string) {
  const csrf = await (await page.request.get("/api/auth/csrf")).json();
  const res = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, username, password, json: "true" },
  });
  expect(res.ok()).toBeTruthy();
}

/** Fails the test on any console error or uncaught page error. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(e.message));
      await use(errors);
    },
    { auto: true },
  ],
});
export { expect };

/**
 * A real docker-registry configured from the console's own certs.pem and config.yml (token
 * authentication against the server under test), as an operator would set one up.
 */
export async function startConsoleRegistry(request: APIRequestContext): Promise<TestRegistry> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-e2e-registry-"));
  const bundle = path.join(dir, "certs.pem");
  fs.writeFileSync(bundle, await (await request.get("/api/registry/certs.pem")).text());
  const authYaml = await (await request.get(`/api/registry/config.yml?bundle=${encodeURIComponent(bundle)}`)).text();
  return startRegistry({ authYaml });
}

/** Puts a token's expiry in the past, directly in the server's database (the API never makes one). */
export async function expireToken(id: string): Promise<void> {
  const c = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await c.connect();
  try {
    const r = await c.query(`UPDATE "AccessToken" SET "expiresAt" = now() - interval '1 minute' WHERE id = $1`, [id]);
    expect(r.rowCount).toBe(1);
  } finally {
    await c.end();
  }
}
