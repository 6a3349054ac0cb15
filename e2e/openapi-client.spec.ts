import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import openapiTS, { astToString } from "openapi-typescript";
import { ADMIN_PASSWORD, basic, createUser, expect, test } from "./fixtures";

const run = promisify(execFile);

/**
 * The OpenAPI document as an API client sees it: it passes Redocly's recommended lint with no
 * problem at all, and a client generated from it (openapi-typescript + openapi-fetch) type-checks
 * against calls a script really makes, and those calls answer what the types promise.
 */
test("the OpenAPI document lints clean and a client generated from it type-checks and works", async ({
  request,
  baseURL,
}, testInfo) => {
  test.setTimeout(180_000);
  const source = await (await request.get("/api/v1/openapi.json")).text();

  const config = await createConfig({ extends: ["recommended"] });
  const problems = await lintFromString({ source, config, absoluteRef: "openapi.json" });
  // The one rule set aside: the server URL is this test's own localhost instance, by design.
  const found = problems.filter((p) => p.ruleId !== "no-server-example.com");
  expect(found.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);

  // Inside the project, so the generated client resolves openapi-fetch from node_modules.
  const dir = path.join(process.cwd(), "test-results", `openapi-client-${testInfo.workerIndex}-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "schema.d.ts"), astToString(await openapiTS(JSON.parse(source))));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ type: "module" }));
  fs.writeFileSync(
    path.join(dir, "client.ts"),
    `import createClient from "openapi-fetch";
import type { paths } from "./schema.js";

const client = createClient<paths>({ baseUrl: process.env.BASE_URL, headers: { Authorization: process.env.AUTH! } });
const me = await client.GET("/api/v1/me");
if (!me.data) throw new Error("GET /api/v1/me failed");
const name: string = me.data.name;
// @ts-expect-error: the API never answers a password hash, and the types say so
void me.data.passwordHash;

const minted = await client.POST("/api/v1/tokens", { body: { name: "typed-client", expiresInDays: 1 } });
if (!minted.data) throw new Error("POST /api/v1/tokens failed");
const secret: string = minted.data.token;
const createdAt: string = minted.data.createdAt;
const status: "active" | "expired" | "revoked" = minted.data.status;

const first = await client.GET("/api/v1/users", { params: { query: { limit: 1 } } });
if (!first.data) throw new Error("GET /api/v1/users failed");
const cursor: string | null = first.data.nextCursor;
const second = cursor ? await client.GET("/api/v1/users", { params: { query: { limit: 1, cursor } } }) : undefined;

const missing = await client.GET("/api/v1/grants/{id}", { params: { path: { id: "00000000-0000-4000-8000-000000000000" } } });
const code: string | undefined = missing.error?.error.code;

console.log(JSON.stringify({
  name,
  secretPrefix: secret.slice(0, 4),
  createdAt,
  status,
  location: minted.response.headers.get("location"),
  tokenId: minted.data.id,
  mintStatus: minted.response.status,
  firstPage: first.data.users.map((u) => u.username),
  total: first.data.total,
  secondPage: second?.data?.users.map((u) => u.username) ?? [],
  missing: { status: missing.response.status, code },
}));
`,
  );
  const tsc = path.join(process.cwd(), "node_modules", ".bin", "tsc");
  const checked = await run(
    tsc,
    [
      "--noEmit",
      "--strict",
      "--skipLibCheck",
      "--target",
      "es2022",
      "--module",
      "nodenext",
      "--moduleResolution",
      "nodenext",
      path.join(dir, "client.ts"),
    ],
    { cwd: dir },
  ).catch((e: { stdout: string; stderr: string }) => ({ stdout: e.stdout, stderr: e.stderr, failed: true }));
  expect(checked, `${checked.stdout}${checked.stderr}`).not.toHaveProperty("failed");

  await createUser(request); // so there are at least two users to page through
  const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
  const out = await run(tsx, [path.join(dir, "client.ts")], {
    cwd: dir,
    env: { ...process.env, BASE_URL: baseURL!, AUTH: basic("admin", ADMIN_PASSWORD) },
  });
  const result = JSON.parse(out.stdout.trim());
  expect(result.name).toBe("admin");
  expect(result.secretPrefix).toBe("pct_");
  expect(result.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  expect(result.status).toBe("active");
  expect(result.mintStatus).toBe(201);
  expect(result.location).toBe(`/api/v1/tokens/${result.tokenId}`);
  expect(result.firstPage).toHaveLength(1);
  expect(result.total).toBeGreaterThan(1);
  expect(result.secondPage).toHaveLength(1);
  expect(result.secondPage[0] > result.firstPage[0]).toBe(true);
  expect(result.missing).toEqual({ status: 404, code: "not_found" });
  fs.rmSync(dir, { recursive: true, force: true });
});
