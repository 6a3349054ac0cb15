import { z } from "zod";
import { env } from "@/lib/config/env";
import { listRegistries } from "@/lib/db/registries";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/route";
import { tokenAuthSection } from "@/lib/registry/config-yaml";

const query = z.object({
  service: z.string().max(255).optional(),
  bundle: z
    .string()
    .regex(/^\/[^\n\r"]{1,255}$/, "bundle must be an absolute path")
    .default("/etc/docker/registry/portcullis-certs.pem"),
});

/**
 * The `auth: token:` section for a registry's config.yml: realm, service, issuer and the path
 * where the operator puts certs.pem. ?service= picks the registry (default: the first).
 */
export async function GET(req: Request): Promise<Response> {
  try {
    const q = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!q.success) throw new AppError("validation_failed", q.error.issues[0].message);
    const registries = await listRegistries();
    const reg = q.data.service ? registries.find((r) => r.service === q.data.service) : registries[0];
    if (!reg) throw new AppError("not_found", "no registry with that service is configured in Portcullis");
    const e = env();
    const body = tokenAuthSection({
      realm: `${e.publicUrl}/api/registry/token`,
      service: reg.service,
      issuer: e.PORTCULLIS_ISSUER,
      bundlePath: q.data.bundle,
    });
    return new Response(body, {
      headers: { "Content-Type": "application/yaml; charset=utf-8", "Cache-Control": "no-store" },
    });
  } catch (err) {
    return errorResponse(err, crypto.randomUUID());
  }
}
