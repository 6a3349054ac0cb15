import type { PolicyFormat } from "../policy";
import { dockerAuth } from "./docker-auth";
import { zot } from "./zot";

/**
 * Every policy-file format Portcullis exports and imports. A new one is a file beside these
 * exporting a PolicyFormat, and one entry here: the API, its OpenAPI document and the console
 * (export links, import choices) all read this list.
 */
export const POLICY_FORMATS: readonly PolicyFormat[] = [dockerAuth, zot];

export const policyFormatIds = () => POLICY_FORMATS.map((f) => f.id);

export function findPolicyFormat(id: string): PolicyFormat | undefined {
  return POLICY_FORMATS.find((f) => f.id === id);
}
