/** Fetch for the console's react-query hooks: JSON in and out, API errors surfaced as messages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  const res = await fetch(path, {
    method: init?.method ?? "GET",
    headers: init?.body !== undefined ? { "Content-Type": "application/json" } : undefined,
    body: init?.body !== undefined ? JSON.stringify(init.body) : undefined,
    credentials: "same-origin",
  });
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    throw new ApiError(res.status, data?.error?.code ?? "error", data?.error?.message ?? `request failed (${res.status})`);
  }
  return data as T;
}

export const queryKeys = {
  tokens: ["tokens"] as const,
  users: (filter: Record<string, string | number>) => ["users", filter] as const,
  allUsers: ["users"] as const,
  teams: ["teams"] as const,
  team: (name: string) => ["teams", name] as const,
  serviceAccounts: ["service-accounts"] as const,
  grants: ["grants"] as const,
  audit: (filter: Record<string, string>) => ["audit", filter] as const,
};
