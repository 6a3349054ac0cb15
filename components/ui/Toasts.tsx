"use client";

import { useSyncExternalStore } from "react";
import { dismiss, toastStore } from "@/lib/query/toasts";

/** What the last changes did, in a live region: successes fade, failures stay until dismissed. */
export function Toasts() {
  const toasts = useSyncExternalStore(toastStore.subscribe, toastStore.get, toastStore.none);
  return (
    <div className="toasts" aria-live="polite" aria-label="Notifications" role="region">
      {toasts.map((t) => (
        <div
          key={t.id}
          className={`toast ${t.kind}`}
          role={t.kind === "error" ? "alert" : "status"}
          data-testid="toast"
        >
          <span>{t.text}</span>
          <button type="button" className="linklike" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
