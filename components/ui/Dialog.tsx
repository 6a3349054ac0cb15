"use client";

import { useEffect, useRef } from "react";

/**
 * A modal on the native <dialog>: focus moves in and is trapped by the browser, Escape closes,
 * and focus returns to whatever opened it.
 */
export function Dialog({
  title,
  open,
  onClose,
  children,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      const opener = document.activeElement as HTMLElement | null;
      d.showModal();
      const restore = () => opener?.focus();
      d.addEventListener("close", restore, { once: true });
    } else if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} aria-label={title} onClose={onClose} className="dialog">
      {open && (
        <>
          <div className="dialog-head">
            <h2>{title}</h2>
            <button type="button" aria-label="Close" onClick={onClose}>
              ×
            </button>
          </div>
          {children}
        </>
      )}
    </dialog>
  );
}
