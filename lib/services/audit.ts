import type { z } from "zod";
import type { Steward } from "../auth/delegation";
import type { AuditFilter, AuditRow } from "../db/audit-events";
import { listRegistries } from "../db/registries";
import { notFound } from "../errors";
import { matchesPattern } from "../registry/names";
import type { auditFilterQuery } from "../validation/audit";

/**
 * The API's query (prefix=true) as the database filter, narrowed to what the steward may read:
 * admins and auditors everything; a team maintainer the events of repositories inside the
 * namespaces of the teams they maintain (on the namespace's registry), nothing else.
 */
export async function toFilter(q: z.infer<typeof auditFilterQuery>, steward: Steward): Promise<AuditFilter> {
  const { prefix, ...rest } = q;
  const filter: AuditFilter = { ...rest, repositoryPrefix: prefix };
  if (steward.admin) return filter;
  const services = new Map((await listRegistries()).map((r) => [r.name, r.service]));
  const within = steward.teams
    .filter((t) => t.role === "maintainer")
    .flatMap((t) => t.namespaces)
    .flatMap((ns): { pattern: string; service: string | null }[] => {
      if (ns.registry === null) return [{ pattern: ns.pattern, service: null }];
      const service = services.get(ns.registry);
      return service ? [{ pattern: ns.pattern, service }] : [];
    });
  return { ...filter, within };
}

/** One event, if the steward may read it (else 404). */
export async function visibleEvent(e: AuditRow | null, steward: Steward): Promise<AuditRow> {
  if (!e) throw notFound("audit event");
  if (steward.admin) return e;
  const f = await toFilter({} as z.infer<typeof auditFilterQuery>, steward);
  const service = (e.details as { service?: string } | null)?.service ?? null;
  const inside = (f.within ?? []).some(
    (ns) =>
      e.repository !== null &&
      (ns.service === null || ns.service === service) &&
      matchesPattern(ns.pattern, e.repository),
  );
  if (!inside) throw notFound("audit event");
  return e;
}
