"use client";

import { useEffect, useRef, useState } from "react";
import { Dialog } from "./Dialog";

export interface RowAction {
  label: string;
  onSelect: () => void;
  /** Destructive: shown in the danger colour, and done only after a confirmation that says what happens. */
  danger?: { consequence: string };
}

/**
 * A row's less frequent actions behind one button (WAI-ARIA menu button): arrow keys move between
 * items, Escape closes and returns focus, a click outside closes. Destructive items ask first, in a
 * dialog that names the consequence, with the action itself on the confirming button.
 */
export function RowMenu({ label, actions }: { label: string; actions: RowAction[] }) {
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState<RowAction | null>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const items = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const outside = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node) && e.target !== trigger.current) setOpen(false);
    };
    document.addEventListener("mousedown", outside);
    return () => document.removeEventListener("mousedown", outside);
  }, [open]);

  const choose = (a: RowAction) => {
    setOpen(false);
    if (a.danger) setConfirming(a);
    else a.onSelect();
  };

  return (
    <span className="row-menu">
      <button
        ref={trigger}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={label}
        onClick={() => setOpen(!open)}
      >
        ⋯
      </button>
      {open && (
        <div
          ref={menu}
          role="menu"
          aria-label={label}
          className="menu"
          onKeyDown={(e) => {
            const all = items();
            const at = all.indexOf(document.activeElement as HTMLButtonElement);
            if (e.key === "ArrowDown" || e.key === "ArrowUp") {
              e.preventDefault();
              all[(at + (e.key === "ArrowDown" ? 1 : all.length - 1)) % all.length]?.focus();
            } else if (e.key === "Home" || e.key === "End") {
              e.preventDefault();
              all[e.key === "Home" ? 0 : all.length - 1]?.focus();
            } else if (e.key === "Escape" || e.key === "Tab") {
              setOpen(false);
              trigger.current?.focus();
            }
          }}
        >
          {actions.map((a) => (
            <button
              key={a.label}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className={a.danger ? "danger-text" : undefined}
              onClick={() => choose(a)}
            >
              {a.label}
            </button>
          ))}
        </div>
      )}
      <Dialog
        title={confirming ? `${confirming.label}?` : ""}
        open={confirming !== null}
        onClose={() => setConfirming(null)}
      >
        {confirming && (
          <>
            <p>{confirming.danger?.consequence}</p>
            <div className="row">
              <button
                type="button"
                className="danger"
                onClick={() => {
                  confirming.onSelect();
                  setConfirming(null);
                }}
              >
                {confirming.label}
              </button>
              <button type="button" onClick={() => setConfirming(null)}>
                Cancel
              </button>
            </div>
          </>
        )}
      </Dialog>
    </span>
  );
}
