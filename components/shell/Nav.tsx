"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { NAV_ITEMS } from "./nav-items";

export function Nav({ role }: { role: string }) {
  const path = usePathname();
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">Portcullis</div>
      {NAV_ITEMS.filter((i) => !i.need || can(role, i.need)).map((i) => {
        const active = i.href === "/" ? path === "/" : path.startsWith(i.href);
        return (
          <Link key={i.href} href={i.href} aria-current={active ? "page" : undefined}>
            {i.label}
          </Link>
        );
      })}
    </nav>
  );
}
