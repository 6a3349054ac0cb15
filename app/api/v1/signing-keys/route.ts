import { listSigningKeys } from "@/lib/db/signing-keys";
import { route } from "@/lib/http/route";
import { registryByName } from "@/lib/services/grants";
import { activateNextKey, prepareNextKey } from "@/lib/token-server/signer";

export const GET = route("GET /api/v1/signing-keys", async () => ({
  keys: (await listSigningKeys()).map(({ registry, ...k }) => ({ ...k, registry: registry?.name ?? null })),
}));

/**
 * Key rotation: "prepare" adds the next key to certs.pem; "activate" makes it sign new tokens.
 * With a registry, the registry's own key (its first rotation gives it one, and its bundle then
 * stops trusting the shared key a token lifetime after activation).
 */
export const POST = route("POST /api/v1/signing-keys", async ({ actor, body }) => {
  const registry = await registryByName(body.registry);
  const key =
    body.step === "prepare"
      ? await prepareNextKey(actor, body.algorithm, registry)
      : await activateNextKey(actor, body.algorithm, registry);
  return { kid: key.kid, step: body.step, registry: registry?.name ?? null };
});
