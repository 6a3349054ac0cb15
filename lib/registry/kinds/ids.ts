/**
 * The ids of the registry kinds, apart from their code: the API's schemas (which the browser loads
 * too) validate `kind` against this list without pulling in the server-side checks and readers.
 * index.ts holds the implementations; a test keeps the two lists equal.
 */
export const REGISTRY_KIND_IDS = ["distribution"] as const;
export type RegistryKindId = (typeof REGISTRY_KIND_IDS)[number];
