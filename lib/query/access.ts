import type { z } from "zod";
import type { reachView, simulationView, whoCanView } from "../validation/access";
import { api, seg, useChange, withQuery } from "./api";

/** Who can pull/push/delete a repository, and why. */
export const useWhoCan = () =>
  useChange((name: string) => api<z.input<typeof whoCanView>>(withQuery("/api/v1/access/repository", { name })), []);

/** Every repository pattern a user reaches. */
export const useReach = () =>
  useChange((username: string) => api<z.input<typeof reachView>>(`/api/v1/access/users/${seg(username)}`), []);

/** "Why was this denied?": the token endpoint's decision, with its trace. */
export const useSimulation = () =>
  useChange(
    (body: unknown) => api<z.input<typeof simulationView>>("/api/v1/access/simulate", { method: "POST", body }),
    [],
  );
