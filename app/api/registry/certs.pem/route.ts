import { certificateBundle } from "@/lib/token-server/signer";
import { errorResponse } from "@/lib/http/route";
import { notFound } from "@/lib/errors";
import { findRegistryByName } from "@/lib/db/registries";

/**
 * The PEM bundle for a registry's `auth.token.rootcertbundle` (public certificates only):
 * `?registry=NAME` for that registry's (its own keys, if it has some), else the shared keys'.
 */
export async function GET(req: Request): Promise<Response> {
  try {
    const name = new URL(req.url).searchParams.get("registry");
    const registry = name === null ? null : await findRegistryByName(name);
    if (name !== null && !registry) throw notFound(`registry "${name.slice(0, 64)}"`);
    return new Response(await certificateBundle(registry), {
      headers: {
        "Content-Type": "application/x-pem-file",
        "Cache-Control": "no-store",
        "Content-Disposition": 'inline; filename="certs.pem"',
      },
    });
  } catch (err) {
    return errorResponse(err, crypto.randomUUID());
  }
}
