import type { z } from "zod";
import type { serviceAccountList, serviceAccountView } from "../validation/team";
import { api, queryKeys, seg, useChange, usePagedList } from "./api";

export type ServiceAccountView = z.input<typeof serviceAccountView>;

/** Every service account the caller runs; of one team with `team`. */
export const useServiceAccounts = (team?: string) =>
  usePagedList<z.input<typeof serviceAccountList>>(
    [...queryKeys.serviceAccounts, team ?? ""],
    "/api/v1/service-accounts",
    team ? { team } : {},
  );

export const useCreateServiceAccount = () =>
  useChange(
    (body: unknown) => api<ServiceAccountView>("/api/v1/service-accounts", { method: "POST", body }),
    [queryKeys.serviceAccounts],
    (_v, r) => `Service account ${r.name} created`,
  );

export const useChangeServiceAccount = () =>
  useChange(
    ({ name, body }: { name: string; body: unknown }) =>
      api<ServiceAccountView>(`/api/v1/service-accounts/${seg(name)}`, { method: "PATCH", body }),
    [queryKeys.serviceAccounts],
    (_v, r) => `Service account ${r.name} ${r.disabled ? "disabled" : "saved"}`,
  );

export const useDeleteServiceAccount = () =>
  useChange(
    (name: string) => api<ServiceAccountView>(`/api/v1/service-accounts/${seg(name)}`, { method: "DELETE" }),
    [queryKeys.serviceAccounts],
    (name) => `Service account ${name} deleted, with its tokens`,
  );
