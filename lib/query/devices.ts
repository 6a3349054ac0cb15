import { useQuery } from "@tanstack/react-query";
import type { DeviceRequestView } from "../validation/device";
import { api, seg, useChange } from "./api";

const deviceKey = (code: string) => ["me", "devices", code] as const;
const signedInKey = ["me", "signed-in-clients"];

/** The device waiting for `code` (none until a code is entered). */
export const useDeviceRequest = (code: string | null) =>
  useQuery({
    queryKey: deviceKey(code ?? ""),
    queryFn: () => api<DeviceRequestView>(`/api/v1/me/devices/${seg(code!)}`),
    enabled: Boolean(code),
    retry: false,
  });

export const useAnswerDevice = (code: string) =>
  useChange(
    (answer: { approve: true; body: unknown } | { approve: false }) =>
      api<DeviceRequestView>(`/api/v1/me/devices/${seg(code)}/${answer.approve ? "approve" : "deny"}`, {
        method: "POST",
        ...(answer.approve ? { body: answer.body } : {}),
      }),
    [deviceKey(code), signedInKey],
    (v) => (v.approve ? "Device approved: it signs in within seconds" : "Device refused"),
  );
