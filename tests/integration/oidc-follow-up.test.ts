// People who sign in through the identity provider use access tokens and signed-in clients at the
// token endpoint; those follow the provider between console sign-ins, through the provider's
// refresh token: a group left there takes the team's access away at the next token request, a
// person removed there is refused (with the reason and the fix) until they sign in again, a
// provider that is down changes nothing. A real OpenID Provider (oidc-provider), real PostgreSQL.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { forgetFollowUp } from "../../lib/auth/follow-up";
import { provisionExternalAccount } from "../../lib/auth/external-accounts";
import { accountFromClaims } from "../../lib/auth/sso/claims";
import { rememberSignIn } from "../../lib/auth/sso/follow-up";
import { env } from "../../lib/config/env";
import { db } from "../../lib/db/client";
import { leaseProviderCheck } from "../../lib/db/identity-provider-sessions";
import { changeTeam } from "../../lib/services/teams";
import { grant, makeTeam, makeToken, systemActor } from "../helpers/factories";
import { basic } from "../helpers/http";
import { signInAtProvider, startOidcProvider } from "../helpers/oidc-provider";
import { tokenServerForFile } from "../helpers/token-server";

const client = { clientId: "portcullis-follow", clientSecret: "follow-secret", redirectUri: "http://console.test/cb" };
const groups: Record<string, string[]> = { ann: ["payments"], ben: ["payments"] };
const idp = await startOidcProvider({ ...client, groups, refreshTokens: true });
after(() => idp.stop());
// Read once by lib/config/env.ts at first use. A cache window of 0: every request asks the provider.
Object.assign(process.env, {
  PORTCULLIS_OIDC_ISSUER: idp.issuer,
  PORTCULLIS_OIDC_CLIENT_ID: client.clientId,
  PORTCULLIS_OIDC_CLIENT_SECRET: client.clientSecret,
  PORTCULLIS_OIDC_NAME: "Test IdP",
  PORTCULLIS_CREDENTIAL_CACHE_SECONDS: "0",
});

const SERVICE = "oidc-follow-registry";
const server = tokenServerForFile(SERVICE);

/** What a console sign-in does: the account from the ID token, the provider's refresh token kept. */
async function consoleSignIn(login: string) {
  const signed = await signInAtProvider(idp.issuer, client, login);
  assert.ok(signed.refreshToken, "the provider issued a refresh token");
  const made = accountFromClaims(env().oidc!, signed.claims);
  assert.ok(!("refused" in made));
  const user = await provisionExternalAccount(made.username, made.account, { clientIp: null });
  assert.ok(user);
  await rememberSignIn(user.id, signed.refreshToken);
  forgetFollowUp(user.id);
  return user;
}

const PUSH = "repository:payments/api:push";
async function tokenRequest(user: string, secret: string) {
  const res = await fetch(`${server.url}/api/registry/token?service=${SERVICE}&scope=${encodeURIComponent(PUSH)}`, {
    headers: { Authorization: basic(user, secret) },
  });
  const body = (await res.json()) as { token?: string; details?: string; errors?: { message: string }[] };
  const access = body.token
    ? (JSON.parse(Buffer.from(body.token.split(".")[1], "base64url").toString()).access as { actions: string[] }[])
    : [];
  return {
    status: res.status,
    actions: access[0]?.actions ?? [],
    message: body.errors?.[0]?.message ?? body.details ?? "",
  };
}

test("an access token of an SSO account follows the provider: a group left there, then the person removed", async () => {
  const team = await makeTeam("payments-sso", []);
  await changeTeam(systemActor, team.name, { externalGroup: "payments" });
  await grant({ subject: { type: "team", name: team.name }, repository: "payments/*", actions: ["pull", "push"] });
  const ann = await consoleSignIn("ann");
  const pat = await makeToken({ kind: "user", id: ann.id, name: ann.username, role: ann.role, via: "session" });
  const stored = await db().identityProviderSession.findUniqueOrThrow({ where: { userId: ann.id } });
  assert.ok(stored.refreshToken.startsWith("v1."), "the provider's refresh token is stored sealed");

  assert.deepEqual((await tokenRequest("ann", pat.token)).actions, ["push"]);

  // The provider down: nothing changes, the token keeps working.
  groups.ann = [];
  const { issuer } = idp;
  await idp.stop();
  let r = await tokenRequest("ann", pat.token);
  assert.deepEqual([r.status, r.actions], [200, ["push"]], "a provider that does not answer changes nothing");
  await idp.start();
  assert.equal(idp.issuer, issuer);

  // Out of the group at the provider: out of the team at the next token request, recorded.
  r = await tokenRequest("ann", pat.token);
  assert.deepEqual([r.status, r.actions], [200, []], "the token follows the group");
  assert.equal(await db().teamMembership.count({ where: { teamId: team.id, userId: ann.id } }), 0);
  const removed = await db().auditEvent.findFirst({ where: { action: "team.member_remove", actorName: "sso" } });
  assert.equal((removed?.details as { source: string; username: string }).username, "ann");

  // Removed from the provider: refused with the reason and the fix, recorded; a console sign-in is refused there too.
  groups.ann = ["payments"];
  idp.remove("ann");
  r = await tokenRequest("ann", pat.token);
  assert.equal(r.status, 401);
  assert.match(r.message, /single sign-on session ended .*sign in to the console again/);
  const again = await tokenRequest("ann", pat.token);
  assert.equal(again.status, 401, "and stays refused");
  const ended = await db().auditEvent.findFirst({ where: { action: "session.sso_ended" } });
  assert.equal((ended?.details as { username: string }).username, "ann");
  const denial = await db().auditEvent.findFirst({
    where: { action: "token.issue", outcome: "denied", reason: "sso_session_ended" },
  });
  assert.ok(denial, "the refusal is in the person's own history (explained on My access)");
  await assert.rejects(signInAtProvider(idp.issuer, client, "ann"));
});

test("signing in to the console again renews the provider's word; two replicas never spend one refresh token at once", async () => {
  const ben = await consoleSignIn("ben");
  const pat = await makeToken({ kind: "user", id: ben.id, name: ben.username, role: ben.role, via: "session" });
  await db().identityProviderSession.update({
    where: { userId: ben.id },
    data: { endedAt: new Date(), endedReason: "test" },
  });
  assert.equal((await tokenRequest("ben", pat.token)).status, 401);
  await consoleSignIn("ben");
  assert.equal((await tokenRequest("ben", pat.token)).status, 200, "a new sign-in, a new word from the provider");

  const leases = await Promise.all(Array.from({ length: 6 }, () => leaseProviderCheck(ben.id, new Date(), 30_000)));
  assert.equal(leases.filter(Boolean).length, 1, "one lease at a time");
});
