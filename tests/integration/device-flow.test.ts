// The device authorization grant (RFC 8628) end to end over HTTP: a client asks for a code, a
// person answers it in the console (the same services the console's routes call), the client
// polls the token endpoint and gets each answer the RFC names, then a refresh token bound to the
// device, its scopes and lifetime; revocation (RFC 7009) ends it. Time is moved in the data, not
// waited for.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as lookup from "../../app/api/v1/me/devices/[code]/route";
import { actorOf } from "../../lib/audit/actor";
import { db } from "../../lib/db/client";
import { hashToken } from "../../lib/registry/pat";
import { approveDevice, denyDevice, lookUpDevice } from "../../lib/services/devices";
import { signedInClientsOf } from "../../lib/services/my-access";
import { grant, makeUser, systemActor } from "../helpers/factories";
import { basic, call } from "../helpers/http";
import { tokenServerForFile } from "../helpers/token-server";

const SERVICE = "device-registry";
const CLIENT = "docker-credential-portcullis";
const server = tokenServerForFile(SERVICE);

const form = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields),
  }).then(async (r) => ({ status: r.status, headers: r.headers, body: (await r.json()) as Record<string, any> }));

type Started = { device_code: string; user_code: string; verification_uri_complete: string; interval: number };
async function start(fields: Record<string, string> = {}): Promise<Started> {
  const r = await form(
    "/api/oauth/device/code",
    { client_id: CLIENT, service: SERVICE, device_name: "build-box", ...fields },
    { "User-Agent": "docker-credential-portcullis/0.1.0 (linux)" },
  );
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body as Started;
}

const poll = (deviceCode: string, clientId = CLIENT) =>
  form("/api/registry/token", {
    grant_type: "urn:ietf:params:oauth:grant-type:device_code",
    device_code: deviceCode,
    client_id: clientId,
  });

/** The client waited its interval (moved in the data rather than slept). */
const waited = (deviceCode: string) =>
  db().deviceAuthorization.update({
    where: { deviceCodeHash: hashToken(deviceCode) },
    data: { lastPolledAt: new Date(Date.now() - 60_000) },
  });

const refresh = (token: string, scope: string) =>
  form("/api/registry/token", { grant_type: "refresh_token", refresh_token: token, service: SERVICE, scope });

test("device code requests: what is required, and what a good one answers", async () => {
  const bad: [Record<string, string>, number, string, RegExp][] = [
    [{ service: SERVICE }, 400, "invalid_request", /client_id is required/],
    [{ client_id: CLIENT }, 400, "invalid_request", /service .* is required/],
    [{ client_id: CLIENT, service: "nope" }, 400, "invalid_request", /unknown service "nope"/],
    [{ client_id: CLIENT, service: SERVICE, scope: "repository:a:fly" }, 400, "invalid_scope", /pull, push or delete/],
    [{ client_id: "x".repeat(101), service: SERVICE }, 400, "invalid_request", /100 printable/],
  ];
  for (const [fields, status, error, message] of bad) {
    const r = await form("/api/oauth/device/code", fields);
    assert.equal(r.status, status, JSON.stringify(fields));
    assert.equal(r.body.error, error);
    assert.match(r.body.error_description, message);
  }
  const json = await fetch(`${server.url}/api/oauth/device/code`, { method: "POST", body: "{}" });
  assert.equal(json.status, 400, "a JSON body is refused with the reason");
  assert.equal((await fetch(`${server.url}/api/oauth/device/code`)).status, 405);

  const s = await start({ scope: "repository:team/*:pull,push" });
  assert.match(s.user_code, /^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
  assert.match(s.device_code, /^pcd_/);
  assert.equal(s.interval, 5);
  assert.match(s.verification_uri_complete, new RegExp(`/device\\?code=${s.user_code}$`));
  const row = await db().deviceAuthorization.findUniqueOrThrow({ where: { deviceCodeHash: hashToken(s.device_code) } });
  assert.deepEqual(row.requestedScopes, [{ repository: "team/*", actions: ["pull", "push"] }]);
  assert.equal(row.userAgent, "docker-credential-portcullis/0.1.0 (linux)");
  const audit = await db().auditEvent.findFirstOrThrow({
    where: { action: "device.request" },
    orderBy: { id: "desc" },
  });
  assert.doesNotMatch(JSON.stringify(audit.details), new RegExp(`${s.device_code}|${s.user_code.replace("-", "")}`));
});

test("approve: pending, slow_down, then one refresh token within the chosen scopes; a second use is refused", async () => {
  const ann = await makeUser();
  const annActs = actorOf(ann.caller);
  await grant({ subject: { type: "user", name: ann.username }, repository: "team/*", actions: ["pull", "push"] });
  const s = await start();

  const first = await poll(s.device_code);
  assert.equal(first.status, 400);
  assert.equal(first.body.error, "authorization_pending");
  assert.equal(first.headers.get("cache-control"), "no-store");
  const tooFast = await poll(s.device_code);
  assert.equal(tooFast.body.error, "slow_down");
  const row = await db().deviceAuthorization.findUniqueOrThrow({ where: { deviceCodeHash: hashToken(s.device_code) } });
  assert.equal(row.interval, 10, "each slow_down adds five seconds");
  assert.equal((await poll(s.device_code, "another-client")).body.error, "invalid_grant");

  // The person sees who asks; a code typed in lower case with spaces is the same code.
  const seen = await lookUpDevice(ann.caller, s.user_code.toLowerCase().replace("-", " "));
  assert.equal(seen.clientId, CLIENT);
  assert.equal(seen.deviceName, "build-box");
  assert.equal(seen.service, SERVICE);
  assert.equal(seen.status, "pending");

  await assert.rejects(
    approveDevice(ann.caller, s.user_code, { scopes: [{ repository: "prod/*", actions: ["pull"] }] }, systemActor),
    /no pull grant covering prod\/\*/,
    "never more than the person has",
  );
  await assert.rejects(
    approveDevice(ann.caller, s.user_code, { lifetimeDays: 365 }, systemActor),
    /at most 30 days/,
    "never longer than the policy",
  );
  const approved = await approveDevice(
    ann.caller,
    s.user_code,
    { scopes: [{ repository: "team/app", actions: ["pull"] }], lifetimeDays: 7 },
    annActs,
  );
  assert.equal(approved.status, "approved");
  await assert.rejects(denyDevice(ann.caller, s.user_code, systemActor), /answered already/);

  await waited(s.device_code);
  const ok = await poll(s.device_code);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.token_type, "Bearer");
  assert.match(ok.body.refresh_token, /^pcf_/);
  assert.ok(ok.body.access_token);
  await waited(s.device_code);
  assert.equal((await poll(s.device_code)).body.error, "invalid_grant", "a device code works once");

  // The refresh token: the device's scopes, not all of Ann's access.
  const pull = await refresh(ok.body.refresh_token, "repository:team/app:pull,push");
  assert.equal(pull.status, 200);
  const claims = JSON.parse(Buffer.from(pull.body.token.split(".")[1], "base64url").toString());
  assert.deepEqual(claims.access, [{ type: "repository", name: "team/app", actions: ["pull"] }]);

  const { clients } = await signedInClientsOf(ann.id);
  const device = clients.find((c) => c.clientId === CLIENT)!;
  assert.equal(device.origin, "device");
  assert.equal(device.deviceName, "build-box");
  assert.deepEqual(device.scopes, [{ repository: "team/app", actions: ["pull"] }]);
  const days = (device.endsAt.getTime() - Date.now()) / 86_400_000;
  assert.ok(days > 6.9 && days <= 7, `lasts the chosen 7 days (idle expiry 14), got ${days}`);

  // RFC 7009: the client signs itself out; unknown tokens are answered alike.
  assert.equal((await form("/api/oauth/revoke", { token: ok.body.refresh_token })).status, 200);
  assert.equal((await form("/api/oauth/revoke", { token: "pcf_unknown" })).status, 200);
  assert.equal((await refresh(ok.body.refresh_token, "repository:team/app:pull")).status, 401);
  const actions = (
    await db().auditEvent.findMany({ where: { actorName: ann.username }, select: { action: true } })
  ).map((e) => e.action);
  for (const a of ["device.approve", "device.redeem", "refresh_token.revoke"])
    assert.ok(actions.includes(a as never), a);
});

test("deny, expiry, a disabled approver, and someone else's answered code", async () => {
  const ann = await makeUser();
  const ben = await makeUser();
  const denied = await start();
  await denyDevice(ann.caller, denied.user_code, systemActor);
  assert.equal((await poll(denied.device_code)).body.error, "access_denied");
  await assert.rejects(
    lookUpDevice(ben.caller, denied.user_code),
    /no device is waiting/,
    "an answered code is its answerer's",
  );
  assert.equal((await lookUpDevice(ann.caller, denied.user_code)).status, "denied");

  const late = await start();
  await db().deviceAuthorization.update({
    where: { deviceCodeHash: hashToken(late.device_code) },
    data: { expiresAt: new Date(Date.now() - 1000) },
  });
  assert.equal((await poll(late.device_code)).body.error, "expired_token");
  await assert.rejects(lookUpDevice(ann.caller, late.user_code), /no device is waiting for this code/);

  const approvedThenDisabled = await start();
  await approveDevice(ben.caller, approvedThenDisabled.user_code, {}, systemActor);
  await db().user.update({ where: { id: ben.id }, data: { disabled: true } });
  assert.equal((await poll(approvedThenDisabled.device_code)).body.error, "access_denied");

  assert.equal((await poll("pcd_never-issued")).body.error, "invalid_grant");
});

test("the console route is for console sessions: a password or token is refused", async () => {
  const ann = await makeUser();
  const s = await start();
  const r = await call(
    lookup.GET,
    "GET",
    `/api/v1/me/devices/${s.user_code}`,
    {
      Authorization: basic(ann.username, ann.password),
    },
    { params: { code: s.user_code } },
  );
  assert.equal(r.status, 403);
  assert.match(r.body.error!.message, /not accept a password/);
});

test("limits: codes per address, wrong codes per person", async () => {
  const since = new Date(Date.now() - 600_000);
  const already = await db().deviceAuthorization.count({ where: { clientIp: "127.0.0.1", createdAt: { gte: since } } });
  for (let i = already; i < 20; i++) await start();
  const refused = await form("/api/oauth/device/code", { client_id: CLIENT, service: SERVICE });
  assert.equal(refused.status, 429);
  assert.equal(refused.body.error, "slow_down");
  assert.equal(refused.headers.get("retry-after"), "60");

  const cat = await makeUser();
  for (let i = 0; i < 10; i++) await assert.rejects(lookUpDevice(cat.caller, "BCDF-GHJK"), /no device is waiting/);
  await assert.rejects(lookUpDevice(cat.caller, "BCDF-GHJK"), /too many wrong codes/);
});
