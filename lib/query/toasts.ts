/**
 * The console's notifications after a change: a small store outside React (the query client's
 * mutation cache raises them, components read them through useSyncExternalStore).
 */
export interface Toast {
  id: number;
  kind: "ok" | "error";
  text: string;
}

let toasts: Toast[] = [];
let next = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

/** How long a success stays; a failure stays until dismissed (someone has to act on it). */
export const TOAST_MS = 6_000;

export function toast(kind: Toast["kind"], text: string): number {
  const id = next++;
  toasts = [...toasts.slice(-4), { id, kind, text }];
  emit();
  if (kind === "ok") setTimeout(() => dismiss(id), TOAST_MS);
  return id;
}

export function dismiss(id: number): void {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

export const toastStore = {
  subscribe(l: () => void) {
    listeners.add(l);
    return () => void listeners.delete(l);
  },
  get: () => toasts,
  none: (): Toast[] => [],
};
