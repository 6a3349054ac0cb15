import { certificateBundle } from "@/lib/token-server/signer";
import { errorResponse } from "@/lib/http/route";

/** The PEM bundle for the registry's `auth.token.rootcertbundle` (public certificates only). */
export async function GET(): Promise<Response> {
  try {
    return new Response(await certificateBundle(), {
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
