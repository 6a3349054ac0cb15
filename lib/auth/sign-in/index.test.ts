import assert from "node:assert/strict";
import { test } from "node:test";
import { SIGN_IN_PROVIDERS, enabledSignInProviders, signInChoices } from "./index";

test("sign-in providers: unique ids, each one a next-auth provider with the same id; the password form always offered", () => {
  const ids = SIGN_IN_PROVIDERS.map((p) => p.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const p of enabledSignInProviders()) assert.equal(p.provider().id, p.id, p.id);
  assert.deepEqual(
    signInChoices().find((c) => c.style === "form"),
    { id: "credentials", label: "Portcullis", style: "form" },
  );
});
