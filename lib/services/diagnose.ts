import type { Caller } from "../auth/caller";
import { listRegistries } from "../db/registries";
import { diagnose, registryNamedIn } from "../registry/client-errors";

/** A pasted client error, answered for the registry it names (or the first one) and the person asking. */
export async function diagnoseClientError(caller: Caller, text: string) {
  const registry = registryNamedIn(text, await listRegistries());
  const url = registry ? new URL(registry.url) : null;
  const findings = diagnose(text, {
    registryHost: url?.host ?? "<registry host>",
    plainHttp: url?.protocol === "http:",
    username: caller.name,
  });
  return { registry: registry && url ? { name: registry.name, host: url.host } : null, findings };
}
