import type { DiagnosisView } from "../validation/diagnose";
import { api, useChange } from "./api";

/** "Paste the error": the cause and the fix for a failed docker/podman/skopeo command. */
export const useDiagnose = () =>
  useChange((body: { text: string }) => api<DiagnosisView>("/api/v1/me/diagnose", { method: "POST", body }), []);
