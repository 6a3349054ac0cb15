import { route } from "@/lib/http/route";
import { registryCa } from "@/lib/services/registries";

/** Public like any CA certificate: machines fetch it with curl before they can sign in anywhere. */
export const GET = route("GET /api/v1/registries/{name}/ca.crt", async ({ params }) => {
  const ca = await registryCa(params.name);
  return new Response(ca.pem, {
    headers: {
      "Content-Type": "application/x-x509-ca-cert",
      "Content-Disposition": `attachment; filename="ca.crt"`,
      "Cache-Control": "no-cache",
    },
  });
});
