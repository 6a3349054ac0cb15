import type { Caller } from "../auth/caller";
import { listRegistries } from "../db/registries";
import { diagnose, registryNamedIn } from "../registry/client-errors";
import { myRefusals } from "./my-access";

/** Findings that a recorded refusal of the caller's can explain further. */
const REFUSALS = new Set(["denied", "unauthorized", "rate_limited"]);

/** A pasted client error, answered for the registry it names (or the first one) and the person asking. */
export async function diagnoseClientError(caller: Caller, text: string) {
  const registry = registryNamedIn(text, await listRegistries());
  const url = registry ? new URL(registry.url) : null;
  const findings = diagnose(text, {
    registryHost: url?.host ?? "<registry host>",
    plainHttp: url?.protocol === "http:",
    username: caller.name,
  });
  // The decision in question, where Portcullis recorded one: the caller's own most recent refusal.
  const [last] = findings.some((f) => REFUSALS.has(f.id)) ? (await myRefusals(caller, 1)).refusals : [];
  return {
    registry: registry && url ? { name: registry.name, host: url.host } : null,
    findings,
    lastRefusal: last ?? null,
  };
}
