"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { currentSection, type NavSection } from "@/components/ui/current-section";

const SECTIONS: readonly NavSection[] = [
  { href: "/admin", label: "Approval queue", owns: [] },
  { href: "/admin/links", label: "Fleet" },
  { href: "/admin/stuck", label: "Stuck links" },
  { href: "/admin/orphans", label: "Orphans" },
  { href: "/admin/organizations", label: "Organizations" },
  { href: "/admin/regions", label: "Regions" },
  { href: "/admin/plans", label: "Plans" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/metrics", label: "Metrics" },
];

/** The console's sections; the current one is marked for screen readers too. */
export function AdminNav() {
  const current = currentSection(SECTIONS, usePathname());
  return (
    <nav aria-label="Admin console" className="border-b border-slate-200 bg-slate-50">
      <ul className="mx-auto flex max-w-5xl flex-wrap gap-1 px-4 py-2 text-sm">
        {SECTIONS.map((section) => {
          const isCurrent = section === current;
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
