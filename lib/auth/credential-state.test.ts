import assert from "node:assert/strict";
import { test } from "node:test";
import { credentialRefusal, type CredentialFacts } from "./credential-state";

test("one decision on whether a credential may be used now", () => {
  const now = 1_000_000;
  const cases: [string, Omit<CredentialFacts, "now">, string | null][] = [
    ["nothing against it", {}, null],
    ["a lockout in force", { lockedUntil: now + 1 }, "locked_out"],
    ["a lockout served", { lockedUntil: now }, null],
    ["revoked", { revokedAt: now - 5 }, "token_revoked"],
    ["expired at this instant", { expiresAt: now }, "token_expired"],
    ["expires later", { expiresAt: now + 1 }, null],
    ["the previous secret within the grace period", { previousSecretUntil: now + 1 }, null],
    ["the previous secret after it", { previousSecretUntil: now }, "token_revoked"],
    ["the previous secret with no grace period", { previousSecretUntil: null }, "token_revoked"],
    ["owner disabled", { ownerDisabled: true }, "account_disabled"],
    ["a refresh token whose access token is gone", { parent: { missing: true } }, "token_revoked"],
    ["a refresh token whose access token was revoked", { parent: { revokedAt: now - 1 } }, "token_revoked"],
    ["a refresh token whose access token expired", { parent: { expiresAt: now - 1 } }, "token_expired"],
    ["a refresh token used within its idle time", { idle: { since: now - 99, ms: 100 } }, null],
    ["a refresh token idle for exactly its idle time", { idle: { since: now - 100, ms: 100 } }, "token_expired"],
    ["issued before the password changed", { issuedAt: now - 10, passwordChangedAt: now - 5 }, "token_revoked"],
    ["issued after the password changed", { issuedAt: now - 5, passwordChangedAt: now - 10 }, null],
    ["issued from an access token (no password involved)", { issuedAt: now - 10, passwordChangedAt: null }, null],
    ["locked out wins over everything", { lockedUntil: now + 1, revokedAt: 1, ownerDisabled: true }, "locked_out"],
    ["revoked wins over expired and disabled", { revokedAt: 1, expiresAt: 1, ownerDisabled: true }, "token_revoked"],
    ["expired wins over disabled", { expiresAt: 1, ownerDisabled: true }, "token_expired"],
  ];
  for (const [name, facts, expected] of cases) assert.equal(credentialRefusal({ now, ...facts }), expected, name);
});
