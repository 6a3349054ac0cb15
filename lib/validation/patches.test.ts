import assert from "node:assert/strict";
import { test } from "node:test";
import { registryPatch } from "./registry";
import { settingsPatch, settingsSchema } from "./settings";
import { updateServiceAccountInput, updateTeamInput } from "./team";
import { updateUserInput } from "./user";

// Zod applies a field's default even inside .partial(): a PATCH schema built from one with defaults
// would quietly reset every field the caller did not send. Each PATCH schema changes only what is given.
test("PATCH schemas fill in nothing the caller did not send", () => {
  for (const [name, schema] of Object.entries({
    settingsPatch,
    registryPatch,
    updateUserInput,
    updateTeamInput,
    updateServiceAccountInput,
  })) {
    assert.deepEqual(schema.parse({}), {}, name);
  }
  assert.deepEqual(settingsPatch.parse({ tokenTtlSeconds: 600 }), { tokenTtlSeconds: 600 });
  assert.deepEqual(registryPatch.parse({ allowPrivateNetwork: true }), { allowPrivateNetwork: true });
  assert.equal(settingsSchema.parse({}).tokenTtlSeconds, 300, "stored settings still default");
});
