"use client";

import { MutationCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { Toasts } from "@/components/ui/Toasts";
import { toast } from "@/lib/query/toasts";

/**
 * Every change that says what it does (`meta.said`, see useChange) is followed by a notification:
 * what was done, or why it was not.
 */
const mutationCache = () =>
  new MutationCache({
    onSuccess: (result, vars, _ctx, m) => {
      const said = m.meta?.said?.(vars, result);
      if (said) toast("ok", said);
    },
    onError: (e, _vars, _ctx, m) => {
      if (m.meta?.said) toast("error", `Not done: ${e.message}`);
    },
  });

export function Providers({ children }: { children: React.ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        mutationCache: mutationCache(),
        defaultOptions: { queries: { staleTime: 15_000, retry: 1, refetchOnWindowFocus: true } },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      {children}
      <Toasts />
    </QueryClientProvider>
  );
}
