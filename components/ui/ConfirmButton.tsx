"use client";

import { useEffect, useRef, useState } from "react";

/** A destructive action in two steps: the first click asks, the second does it; Escape or Cancel backs out. */
export function ConfirmButton({
  label,
  confirmLabel,
  onConfirm,
  pending,
  danger = true,
}: {
  label: string;
  confirmLabel?: string;
  onConfirm: () => void;
  pending?: boolean;
  danger?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  if (!asking)
    return (
      <button type="button" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  return (
    <span className="row" onKeyDown={(e) => e.key === "Escape" && setAsking(false)}>
      <button
        ref={confirmRef}
        type="button"
        className={danger ? "danger" : "primary"}
        disabled={pending}
        onClick={() => {
          onConfirm();
          setAsking(false);
        }}
      >
        {confirmLabel ?? `Confirm: ${label.toLowerCase()}`}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
