"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const SECTIONS = [
  { href: "/admin", label: "Approval queue" },
  { href: "/admin/links", label: "Fleet" },
  { href: "/admin/stuck", label: "Stuck links" },
  { href: "/admin/organizations", label: "Organizations" },
  { href: "/admin/regions", label: "Regions" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/metrics", label: "Metrics" },
] as const;

/** The console's sections; the current one is marked for screen readers too. */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin console" className="border-b border-slate-200 bg-slate-50">
      <ul className="mx-auto flex max-w-5xl flex-wrap gap-1 px-4 py-2 text-sm">
        {SECTIONS.map((section) => {
          const isCurrent = section.href === "/admin" ? pathname === "/admin" : pathname.startsWith(section.href);
          return (
            <li key={section.href}>
              <Link
                href={section.href}
                aria-current={isCurrent ? "page" : undefined}
                className={`block rounded px-3 py-1.5 font-medium ${isCurrent ? "bg-indigo-600 text-white" : "text-slate-700 hover:bg-slate-200"}`}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
