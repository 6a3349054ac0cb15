import { distribution } from "./distribution";
import type { RegistryKindId } from "./ids";
import type { RegistryKind } from "./types";

export type { CheckResult, ConfigRequest, RegistryKind, RegistryTarget, Surroundings } from "./types";

/**
 * Every kind of registry Portcullis configures, checks and browses. A new one is a file beside
 * distribution.ts implementing RegistryKind, its id in ids.ts (which the API's schema and the
 * console read), and one entry here.
 */
export const REGISTRY_KINDS: readonly (RegistryKind & { id: RegistryKindId })[] = [distribution];

/** The kind of a stored registry; rows from before kinds existed are distribution. */
export function registryKind(id: string | null | undefined): RegistryKind {
  return REGISTRY_KINDS.find((k) => k.id === id) ?? distribution;
}
