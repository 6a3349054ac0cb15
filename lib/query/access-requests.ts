import type { z } from "zod";
import type { accessRequestList, AccessRequestView } from "../validation/access-request";
import { api, queryKeys, seg, useChange, usePagedList } from "./api";

type Page = z.input<typeof accessRequestList>;

/** My own access requests, newest first. */
export const useMyAccessRequests = () =>
  usePagedList<Page>(queryKeys.myAccessRequests, "/api/v1/me/access-requests", { limit: 20 });

export const useRequestAccess = () =>
  useChange(
    (body: unknown) => api<AccessRequestView>("/api/v1/me/access-requests", { method: "POST", body }),
    [queryKeys.myAccessRequests],
    (_v, r) => `Asked for ${r.actions.join(", ")} on ${r.repository}: an admin or the team's maintainers will answer`,
  );

export const useWithdrawAccessRequest = () =>
  useChange(
    (id: string) => api<AccessRequestView>(`/api/v1/me/access-requests/${seg(id)}`, { method: "DELETE" }),
    [queryKeys.myAccessRequests],
    (_v, r) => `Request for ${r.repository} withdrawn`,
  );

/** Everyone's requests in one status (admins and auditors). */
export const useAccessRequests = (status: string) =>
  usePagedList<Page>([...queryKeys.accessRequests, status], "/api/v1/access-requests", { status, limit: 50 });

export const useApproveAccessRequest = () =>
  useChange(
    ({ id, body }: { id: string; body: unknown }) =>
      api<AccessRequestView>(`/api/v1/access-requests/${seg(id)}/approve`, { method: "POST", body }),
    [queryKeys.accessRequests, queryKeys.grants, queryKeys.teams],
    (_v, r) => `Approved: ${r.requester} may now ${r.actions.join(", ")} ${r.repository}`,
  );

export const useDenyAccessRequest = () =>
  useChange(
    ({ id, body }: { id: string; body: unknown }) =>
      api<AccessRequestView>(`/api/v1/access-requests/${seg(id)}/deny`, { method: "POST", body }),
    [queryKeys.accessRequests],
    (_v, r) => `Denied ${r.requester}'s request for ${r.repository}`,
  );
