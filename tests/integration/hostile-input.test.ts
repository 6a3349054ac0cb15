// Hostile input at the token endpoint: control characters, forged client addresses, password
// spraying, junk tokens and bursts of guesses. A trusted reverse proxy on loopback is simulated:
// this process trusts 127.0.0.1, so X-Forwarded-For is read the way it would be behind one.
process.env.PORTCULLIS_TRUST_PROXY = "loopback";

import assert from "node:assert/strict";
import { test } from "node:test";
import { db } from "../../lib/db/client";
import { generateToken } from "../../lib/registry/pat";
import { invalidateSettings } from "../../lib/settings";
import { makeToken, makeUser } from "../helpers/factories";
import { tokenServerForFile } from "../helpers/token-server";
import { basic } from "../helpers/http";

const SERVICE = "hostile-registry";
// Small thresholds, no slow-down, so each test runs in a moment; the rules are the same.
const server = tokenServerForFile(SERVICE, async () => {
  for (const [key, value] of Object.entries({
    lockoutThreshold: 10,
    addressLockoutThreshold: 12,
    slowdownAfter: 100,
  })) {
    await db().setting.upsert({ where: { key }, create: { key, value }, update: { value } });
  }
  invalidateSettings();
});

/** A client at `client`, seen through the trusted proxy, which appends the address it saw. */
async function tokenRequest(auth: string | null, opts: { client?: string; forged?: string; query?: string } = {}) {
  const xff = [opts.forged, opts.client].filter(Boolean).join(", ");
  const res = await fetch(
    `${server.url}/api/registry/token?service=${SERVICE}${opts.query ?? "&scope=repository:a/b:pull"}`,
    {
      headers: { ...(auth ? { Authorization: auth } : {}), ...(xff ? { "X-Forwarded-For": xff } : {}) },
    },
  );
  return {
    status: res.status,
    body: (await res.json()) as { errors?: { code: string; message: string }[]; token?: string },
  };
}
const reasons = async (actorName: string) =>
  await db().auditEvent.findMany({
    where: { actorName, action: "token.issue" },
    select: { reason: true, clientIp: true },
    orderBy: { id: "asc" },
  });

test("control characters in any parameter are a 400 in the registry's shape, and the attempt is audited", async () => {
  const u = await makeUser();
  for (const query of [
    "&scope=repository:a/b%00:pull",
    "&scope=repository:a%0A/b:pull",
    "&account=x%00",
    "&client_id=%1b[31m",
  ]) {
    const r = await tokenRequest(basic(u.username, "wrong-password"), { query, client: "198.51.100.20" });
    assert.equal(r.status, 400, query);
    assert.equal(r.body.errors?.[0].code, "INVALID_REQUEST");
    assert.match(r.body.errors?.[0].message ?? "", /control character/);
  }
  const nulService = await fetch(`${server.url}/api/registry/token?service=${SERVICE}%00`);
  assert.equal(nulService.status, 400);
  const nulUser = await tokenRequest(basic("ad\u0000min", "x"), { client: "198.51.100.20" });
  assert.equal(nulUser.status, 400);
  // Every one of them is on record, with who it claimed to be; none checked the password.
  const rows = await reasons(u.username);
  assert.equal(rows.length, 4);
  for (const r of rows) assert.match(r.reason ?? "", /^malformed_request: /);
  assert.equal(await db().authFailure.count({ where: { username: u.username } }), 0);
  // The OAuth2 form too.
  const form = await fetch(`${server.url}/api/registry/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: `grant_type=password&service=${SERVICE}&username=${u.username}&password=nope&scope=repository:a/b%00:pull`,
  });
  assert.equal(form.status, 400);
});

test("usernames that look like the lockout's own buckets are ordinary wrong passwords, never a 500", async () => {
  for (const name of ["*", "token:pct_abc"]) {
    const r = await tokenRequest(basic(name, "guess"), { client: "203.0.113.77" });
    assert.equal(r.status, 401, name);
    assert.equal(r.body.errors?.[0].code, "UNAUTHORIZED");
  }
});

test("a forged first X-Forwarded-For hop changes neither the lockout nor the recorded address", async () => {
  const u = await makeUser();
  const client = "198.51.100.30";
  for (let i = 0; i < 14; i++) {
    await tokenRequest(basic(u.username, `wrong-${i}`), { client, forged: `10.${i}.0.1` });
  }
  const right = await tokenRequest(basic(u.username, u.password), { client, forged: "10.99.0.1" });
  assert.equal(right.status, 401, "locked out after 10 failures, whatever the forged hops said");
  const rows = await reasons(u.username);
  assert.deepEqual([...new Set(rows.map((r) => r.clientIp))], [client]);
  assert.equal(rows.filter((r) => r.reason === "bad_password").length, 10);
  assert.equal(rows.at(-1)?.reason, "locked_out");
  // Another client behind the same proxy is not affected.
  assert.equal((await tokenRequest(basic(u.username, u.password), { client: "198.51.100.31" })).status, 200);
});

test("a password spray from one address is stopped, whatever the accounts; other addresses are not", async () => {
  const client = "198.51.100.40";
  const victims = await Promise.all(Array.from({ length: 15 }, () => makeUser()));
  const statuses: number[] = [];
  for (const v of victims) statuses.push((await tokenRequest(basic(v.username, "Summer2026!"), { client })).status);
  assert.ok(statuses.every((s) => s === 401));
  const all = (
    await db().auditEvent.findMany({ where: { clientIp: client, action: "token.issue" }, select: { reason: true } })
  ).map((r) => r.reason);
  assert.equal(
    all.filter((r) => r === "bad_password").length,
    12,
    "the address threshold (12) bounds the passwords checked",
  );
  assert.equal(all.filter((r) => r === "locked_out").length, 3);
  // From that address even a right password waits out the lockout; from another it works.
  assert.equal((await tokenRequest(basic(victims[0].username, victims[0].password), { client })).status, 401);
  assert.equal(
    (await tokenRequest(basic(victims[0].username, victims[0].password), { client: "198.51.100.41" })).status,
    200,
  );
});

test("junk tokens lock out only themselves, never a real token from the same address", async () => {
  const u = await makeUser();
  const real = await makeToken(u.caller, { expiresInDays: 5 });
  const client = "198.51.100.50";
  for (let i = 0; i < 30; i++) {
    const junk = generateToken("pct"); // well-formed, right checksum, unknown
    assert.equal(
      (await tokenRequest(i % 2 ? `Bearer ${junk}` : basic(u.username, junk), { client })).status,
      i % 2 ? 400 : 401,
    );
  }
  // The same junk token over and over locks that token's bucket only.
  const junk = generateToken("pct");
  for (let i = 0; i < 12; i++) await tokenRequest(basic(u.username, junk), { client });
  assert.ok(
    await db().authFailure.findFirst({
      where: { username: { startsWith: "token:" }, clientIp: client, lockedUntil: { gt: new Date() } },
    }),
  );
  const ok = await tokenRequest(basic(u.username, real.token), { client });
  assert.equal(ok.status, 200);
  assert.ok(ok.body.token);
  // ...and the person's password still works from there: token failures are not password guesses.
  assert.equal((await tokenRequest(basic(u.username, u.password), { client })).status, 200);
});

test("forty simultaneous wrong passwords: exactly the threshold is checked, the rest are refused unchecked", async () => {
  const u = await makeUser();
  const client = "198.51.100.60";
  const results = await Promise.all(
    Array.from({ length: 40 }, (_, i) => tokenRequest(basic(u.username, `guess-${i}`), { client })),
  );
  assert.ok(results.every((r) => r.status === 401));
  const rows = await reasons(u.username);
  assert.equal(rows.length, 40);
  assert.equal(rows.filter((r) => r.reason === "bad_password").length, 10);
  assert.equal(rows.filter((r) => r.reason === "locked_out").length, 30);
  const row = await db().authFailure.findFirstOrThrow({ where: { username: u.username, clientIp: client } });
  assert.ok(row.lockedUntil && row.lockedUntil > new Date());
});

test("sixteen simultaneous correct passwords from one address (a CI job's parallel pulls): all granted, nothing locked", async () => {
  const u = await makeUser();
  const client = "198.51.100.61";
  const results = await Promise.all(
    Array.from({ length: 16 }, () => tokenRequest(basic(u.username, u.password), { client })),
  );
  assert.deepEqual(
    results.map((r) => r.status),
    Array(16).fill(200),
  );
  assert.equal(await db().authFailure.count({ where: { username: u.username, clientIp: client } }), 0);
});

test("a served lockout starts counting afresh", async () => {
  const u = await makeUser();
  const client = "198.51.100.70";
  for (let i = 0; i < 10; i++) await tokenRequest(basic(u.username, `wrong-${i}`), { client });
  assert.equal((await tokenRequest(basic(u.username, u.password), { client })).status, 401);
  await db().authFailure.updateMany({
    where: { username: u.username, clientIp: client },
    data: { lockedUntil: new Date(Date.now() - 1000) },
  });
  assert.equal((await tokenRequest(basic(u.username, u.password), { client })).status, 200);
  assert.equal(await db().authFailure.count({ where: { username: u.username, clientIp: client } }), 0);
});

test("oversized bodies get 413 with a JSON error, on the token endpoint and on registry notifications", async () => {
  const form = await fetch(`${server.url}/api/registry/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: `grant_type=password&service=${SERVICE}&username=a&password=${"x".repeat(64 * 1024)}`,
  });
  assert.equal(form.status, 413);
  assert.deepEqual(((await form.json()) as { errors: { code: string }[] }).errors[0].code, "TOO_LARGE");
  const events = await fetch(`${server.url}/api/registry/events?service=${SERVICE}`, {
    method: "POST",
    headers: { "Content-Type": "application/vnd.docker.distribution.events.v1+json", Authorization: "Bearer x" },
    body: JSON.stringify({ events: [], pad: "x".repeat(400 * 1024) }),
  });
  assert.equal(events.status, 413);
  assert.match(((await events.json()) as { error: { message: string } }).error.message, /larger than 256 KiB/);
});
