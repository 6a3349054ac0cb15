import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { savedViewList, savedViewView } from "../validation/saved-view";
import { api, seg, useChange } from "./api";

type SavedView = z.input<typeof savedViewView>;
const key = ["me", "saved-views"] as const;

export const useSavedViews = () =>
  useQuery({ queryKey: key, queryFn: () => api<z.input<typeof savedViewList>>("/api/v1/me/saved-views") });

export const useSaveView = () =>
  useChange(
    (body: { name: string; query: string }) => api<SavedView>("/api/v1/me/saved-views", { method: "POST", body }),
    [key],
    (_v, r) => `View “${r.name}” saved`,
  );

export const useForgetView = () =>
  useChange(
    (id: string) => api<SavedView>(`/api/v1/me/saved-views/${seg(id)}`, { method: "DELETE" }),
    [key],
    (_v, r) => `View “${r.name}” deleted`,
  );
