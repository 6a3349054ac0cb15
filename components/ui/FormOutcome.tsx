"use client";

import { useState } from "react";
import { ErrorNote } from "./ErrorNote";

/**
 * What a form says after it is sent: the server's (or the schema's) error, or what was done; one
 * replaces the other. `onMessage` goes to SchemaForm; `after(describe)` to the mutation.
 */
export function useFormOutcome() {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return {
    error,
    done,
    onMessage: (m: string | null) => {
      setError(m);
      if (m) setDone(null);
    },
    after: <T,>(describe: (result: T) => string, then?: () => void) => ({
      onSuccess: (result: T) => {
        setError(null);
        setDone(describe(result));
        then?.();
      },
      onError: (e: Error) => {
        setDone(null);
        setError(e.message);
      },
    }),
  };
}

export function FormOutcome({ outcome }: { outcome: { error: string | null; done: string | null } }) {
  return (
    <>
      <ErrorNote error={outcome.error} />
      {outcome.done && (
        <p className="notice" role="status">
          {outcome.done}
        </p>
      )}
    </>
  );
}
