import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  htpasswdView,
  policyImportView,
  registryCheckView,
  registryConfigView,
  registryList,
  registryView,
} from "../validation/registry";
import { api, queryKeys, seg, useChange, withQuery } from "./api";

export type RegistryView = z.input<typeof registryView>;
type RegistryList = z.input<typeof registryList>;
export type RegistryCheck = z.input<typeof registryCheckView>;

export const useRegistries = () =>
  useQuery({ queryKey: queryKeys.registries, queryFn: () => api<RegistryList>("/api/v1/registries") });

export const useAddRegistry = () =>
  useChange(
    (body: unknown) => api<RegistryView>("/api/v1/registries", { method: "POST", body }),
    [queryKeys.registries],
    (_v, r) => `Registry ${r.name} added`,
  );

export const useDeleteRegistry = () =>
  useChange(
    (name: string) => api<RegistryView>(`/api/v1/registries/${seg(name)}`, { method: "DELETE" }),
    [queryKeys.registries],
    (name) => `Registry ${name} removed`,
  );

/** Optimistic: a toggle moves at once and moves back if the server refuses. */
export function useChangeRegistry(onError: (e: Error) => void) {
  const qc = useQueryClient();
  const key = queryKeys.registries;
  return useMutation({
    mutationFn: ({ name, body }: { name: string; body: Partial<RegistryView> }) =>
      api<RegistryView>(`/api/v1/registries/${seg(name)}`, { method: "PATCH", body }),
    meta: { said: (_v, r) => `Registry ${(r as RegistryView).name} saved` },
    onMutate: ({ name, body }) => {
      const previous = qc.getQueryData<RegistryList>(key);
      qc.setQueryData<RegistryList>(
        key,
        (d) => d && { registries: d.registries.map((r) => (r.name === name ? { ...r, ...body } : r)) },
      );
      void qc.cancelQueries({ queryKey: key });
      return { previous };
    },
    onError: (e: Error, _v, ctx) => {
      if (ctx?.previous) qc.setQueryData(key, ctx.previous);
      onError(e);
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: key }),
  });
}

export const useRegistryCheck = (name: string) =>
  useChange(() => api<RegistryCheck>(`/api/v1/registries/${seg(name)}/check`, { method: "POST" }), []);

export const useRegistryConfig = (name: string, mode: string) =>
  useQuery({
    queryKey: ["registry-config", name, mode],
    queryFn: () =>
      api<z.input<typeof registryConfigView>>(withQuery(`/api/v1/registries/${seg(name)}/config`, { mode })),
    enabled: Boolean(name),
  });

export const useGenerateHtpasswd = () =>
  useChange(
    (body: unknown) => api<z.input<typeof htpasswdView>>("/api/v1/htpasswd", { method: "POST", body }),
    [queryKeys.tokens],
    (_v, r) =>
      `htpasswd made for ${r.credentials.length} account${r.credentials.length === 1 ? "" : "s"}${r.written ? `, written to ${r.written}` : ""}`,
  );

export const usePolicyImport = (format: string) =>
  useChange(
    (body: { content: string; apply: boolean }) =>
      api<z.input<typeof policyImportView>>(`/api/v1/policies/${seg(format)}/import`, { method: "POST", body }),
    [queryKeys.grants],
    (v, r) =>
      v.apply
        ? `Policy applied: ${r.diff.add.length} added, ${r.diff.change.length} changed, ${r.diff.remove.length} removed`
        : null,
  );
