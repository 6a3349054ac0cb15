import { env } from "@/lib/config/env";
import { openApiDocument } from "@/lib/http/openapi";

export function GET(): Response {
  return Response.json(openApiDocument(env().publicUrl));
}
