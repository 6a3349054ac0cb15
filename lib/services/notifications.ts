import { auditBatcher } from "../audit/batcher";
import { findRegistryByService } from "../db/registries";
import { AppError } from "../errors";
import { logger } from "../log";
import { eventToAudit, notificationEnvelope } from "../registry/notifications";
import { notificationSecret } from "./registry-config";
import { metrics } from "../metrics/instruments";
import { sameSecret } from "../util/same-secret";

const unauthorized = () => new AppError("unauthorized", "unknown registry or wrong notification secret");

/**
 * The registry's notifications: authenticated by the per-registry secret in its Authorization
 * header, each event stored once (the registry retries until it gets a 2xx), group-committed with
 * the token decisions so a burst costs few transactions.
 */
export async function ingestNotifications(
  service: string | null,
  authorization: string | null,
  body: unknown,
  meta: { clientIp: string },
) {
  if (!service) throw new AppError("bad_request", "the notification URL must carry ?service=<the registry's service>");
  const registry = await findRegistryByService(service);
  const given = authorization?.startsWith("Bearer ") ? authorization.slice(7) : "";
  if (!registry || !sameSecret(given, notificationSecret(service))) {
    logger.warn("registry notification refused", { service: service.slice(0, 100), clientIp: meta.clientIp });
    metrics().notifications.inc({ result: "refused" });
    throw unauthorized();
  }
  const parsed = notificationEnvelope.safeParse(body);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    metrics().notifications.inc({ result: "refused" });
    throw new AppError("validation_failed", `not a registry notification envelope: ${i.path.join(".")}: ${i.message}`);
  }
  metrics().notifications.inc({ result: "received" }, parsed.data.events.length);
  await Promise.all(parsed.data.events.map((e) => auditBatcher().record(eventToAudit(e, registry.service))));
  return { received: parsed.data.events.length };
}
