import { listSigningKeys } from "@/lib/db/signing-keys";
import { route } from "@/lib/http/route";
import { activateNextKey, prepareNextKey } from "@/lib/token-server/signer";

export const GET = route("GET /api/v1/signing-keys", async () => ({ keys: await listSigningKeys() }));

/** Key rotation: "prepare" adds the next key to certs.pem; "activate" makes it sign new tokens. */
export const POST = route("POST /api/v1/signing-keys", async ({ actor, body }) => {
  const key =
    body.step === "prepare"
      ? await prepareNextKey(actor, body.algorithm)
      : await activateNextKey(actor, body.algorithm);
  return { kid: key.kid, step: body.step };
});
