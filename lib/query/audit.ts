import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  activityView,
  auditCount as countView,
  auditPage,
  chainReportView,
  tagHistoryView,
  topDeniedView,
} from "../validation/audit";
import { api, queryKeys, useChange, usePagedList, withQuery } from "./api";

/** The audit filter as the URL carries it. */
export type AuditFilterView = Partial<
  Record<
    "from" | "to" | "actor" | "repository" | "prefix" | "tag" | "action" | "operation" | "outcome" | "credential" | "q",
    string
  >
>;

export const useAuditEvents = (filter: AuditFilterView) =>
  usePagedList<z.input<typeof auditPage>>(queryKeys.audit(filter as Record<string, string>), "/api/v1/audit-events", {
    ...filter,
    limit: 50,
  });

export const useActivity = (filter: AuditFilterView, bucket: "hour" | "day") =>
  useQuery({
    queryKey: ["audit-activity", filter, bucket],
    queryFn: () => api<z.input<typeof activityView>>(withQuery("/api/v1/audit-events/activity", { ...filter, bucket })),
  });

export const useTopDenied = (filter: AuditFilterView) =>
  useQuery({
    queryKey: ["audit-top", filter],
    queryFn: () => api<z.input<typeof topDeniedView>>(withQuery("/api/v1/audit-events/top-denied", filter)),
  });

/** How many events the filter (a query string) matches: the export's progress bar. */
export const auditCount = (query: string) => api<z.input<typeof countView>>(`/api/v1/audit-events/count?${query}`);

export const useVerifyChain = () =>
  useChange(() => api<z.input<typeof chainReportView>>("/api/v1/audit-events/verify", { method: "POST" }), []);

export const useTagHistory = () =>
  useChange(
    ({ repository, tag }: { repository: string; tag: string }) =>
      api<z.input<typeof tagHistoryView>>(withQuery("/api/v1/audit-events/tags", { repository, tag })),
    [],
  );
