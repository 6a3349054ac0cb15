import { z } from "zod";
import { refusalView } from "./access";

/** "Paste the error": the output of a failed docker/podman/skopeo command. */
export const diagnoseInput = z
  .object({ text: z.string().trim().min(1, "paste the error message").max(20_000, "at most 20,000 characters") })
  .strict();

export const findingView = z.object({
  id: z.string(),
  title: z.string(),
  cause: z.string(),
  fix: z.array(z.string()),
  link: z.object({ href: z.string(), label: z.string() }).optional(),
});
export const diagnosisView = z.object({
  /** The registry the answer is written for. */
  registry: z.object({ name: z.string(), host: z.string() }).nullable(),
  findings: z.array(findingView),
  /** For a denial or refused login: the caller's own most recent recorded refusal, explained. */
  lastRefusal: refusalView.nullable(),
});
export type DiagnosisView = z.input<typeof diagnosisView>;
