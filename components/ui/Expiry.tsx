"use client";

import { useState } from "react";
import { Time } from "./Time";

/** When something lapses: "never", the time, or "expired" once it has passed (as of when it was shown). */
export function Expiry({ value }: { value: string | null | undefined }) {
  const [shownAt] = useState(() => Date.now());
  if (!value) return <span className="muted">never</span>;
  if (Date.parse(value) <= shownAt) return <span className="badge warn">expired</span>;
  return <Time value={value} />;
}
